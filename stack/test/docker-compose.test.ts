import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const composeFile = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };
/** The optional profiles (observability: Prometheus, Grafana, Jaeger) are checked on their own below. */
const profiled = Object.fromEntries(Object.entries(composeFile.services).filter(([, s]) => s.profiles));
const compose = {
  ...composeFile,
  services: Object.fromEntries(Object.entries(composeFile.services).filter(([, s]) => !s.profiles)),
};
const envExample = read('.env.example');
const documented = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

/** Every subgraph is a folder of services/; the gateway is the other application container. */
const subgraphs = readdirSync(path.join(root, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(root, 'services', d.name, 'package.json')))
  .map((d) => d.name)
  .sort();
const apps = [...subgraphs, 'gateway'];
const workspaceOf = (app: string) => (app === 'gateway' ? 'gateway' : `services/${app}`);

/** Compose's interpolation of `${VAR}`, `${VAR:-default}` and `${VAR-default}`, against `env`. */
function interpolate(value: unknown, env: Record<string, string | undefined> = {}): string {
  return String(value).replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
    (_m, name: string, op: string | undefined, fallback: string) => {
      const v = env[name];
      if (op === ':-') return v ? v : fallback;
      if (op === '-') return v ?? fallback;
      return v ?? '';
    },
  );
}

/** The environment of a compose service as the container would get it with nothing set in the shell or .env. */
const containerEnv = (service: string): Record<string, string> =>
  Object.fromEntries(Object.entries(compose.services[service].environment ?? {}).map(([k, v]) => [k, interpolate(v)]));

/** The `$VARIABLES` a nats.conf takes from the environment: referenced outside comments and strings, and not defined in the file. */
function natsConfVariables(conf: string): string[] {
  const code = conf
    .split('\n')
    .map((line) => line.replace(/"[^"]*"|'[^']*'/g, '""').replace(/#.*$/, ''))
    .join('\n');
  const defined = new Set([...code.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]/gm)].map((m) => m[1]));
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))]
    .filter((v) => !defined.has(v))
    .sort();
}

const natsConfPath = path.join(root, 'deploy/nats.conf');
const natsConf = readFileSync(natsConfPath, 'utf8');

const natsServer = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server'].find((p) =>
  existsSync(p),
);
if (!natsServer) {
  // Loud on purpose: without the binary nothing proves that nats-server accepts deploy/nats.conf.
  console.warn(
    'nats-server not found: SKIPPING the `nats-server -t -c deploy/nats.conf` check of docker-compose.test.ts',
  );
}
const withNatsServer = natsServer || process.env.CI === 'true' ? it : it.skip;

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

/** The Dockerfile's stages: continuation lines joined, comments dropped. */
function dockerStages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args!)!;
      stages.push({ from: from!, name, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args: args! });
    }
  }
  return stages;
}

const stages = dockerStages(read('Dockerfile'));
const finalStage = stages.at(-1)!;

/** A stage's instructions preceded by those of the stages it is built FROM. */
function lineage(stage: Stage): Instruction[] {
  const parent = stages.find((s) => s.name === stage.from);
  return [...(parent ? lineage(parent) : []), ...stage.instructions];
}

/** The NODE_ENV an instruction list leaves set (ENV NODE_ENV=x or ENV NODE_ENV x). */
function nodeEnvAfter(instructions: Instruction[]): string | undefined {
  let value: string | undefined;
  for (const i of instructions) {
    if (i.op !== 'ENV') continue;
    const m = /(?:^|\s)NODE_ENV(?:=|\s+)"?([^"\s]+)"?/.exec(i.args);
    if (m) value = m[1];
  }
  return value;
}

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, NATS with JetStream, every subgraph of services/ and the gateway', () => {
    expect(subgraphs.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(compose.services).sort()).toEqual([...apps, 'nats', 'postgres'].sort());
    expect(natsConf).toMatch(/jetstream\s*{[^}]*store_dir/);
    expect(compose.services.nats.volumes.some((v: string) => v.endsWith(':/data'))).toBe(true);
  });

  it('publishes a port for the gateway only', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(publishing).toEqual(['gateway']);
  });

  it('gives every service a health check and uses only variables documented in .env.example', () => {
    for (const name of [...apps, 'nats', 'postgres'])
      expect({ name, healthcheck: compose.services[name].healthcheck?.test }).toEqual({
        name,
        healthcheck: expect.any(Array),
      });
    for (const name of apps) {
      const unknown = Object.keys(compose.services[name].environment ?? {}).filter((k) => !documented.has(k));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('makes every application container listen on all its interfaces (HOST=0.0.0.0), not the default 127.0.0.1', () => {
    expect(envExample).toMatch(/^HOST=127\.0\.0\.1$/m);
    for (const name of apps) expect({ name, HOST: containerEnv(name).HOST }).toEqual({ name, HOST: '0.0.0.0' });
  });

  it('points the gateway at each subgraph by its service name and port', () => {
    const env = containerEnv('gateway');
    for (const name of subgraphs) {
      const port = containerEnv(name).PORT;
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^\d+$/) });
      expect(env[`${name.replace(/-/g, '_').toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
    }
  });

  it('starts each application with node on the bundle its workspace builds', () => {
    for (const name of apps) {
      const workspace = workspaceOf(name);
      const pkg = JSON.parse(read(`${workspace}/package.json`)) as { scripts?: Record<string, string> };
      expect({ name, build: pkg.scripts?.build }).toEqual({ name, build: expect.stringContaining('bundle.ts') });
      expect({ name, command: compose.services[name].command }).toEqual({
        name,
        command: ['node', `${workspace}/dist/main.js`],
      });
    }
  });

  it('passes the nats container every variable deploy/nats.conf references', () => {
    const variables = natsConfVariables(natsConf);
    expect(variables).toEqual(
      expect.arrayContaining(['NATS_CASES_PASSWORD', 'NATS_GATEWAY_PASSWORD', 'NATS_PARTNER_BANK_LOAN_PASSWORD']),
    );
    expect(variables).not.toContain('SERVICE'); // defined in the file itself
    const env = containerEnv('nats');
    const missing = variables.filter((v) => !env[v]);
    expect(missing).toEqual([]);
    // Each user's password in the nats container is the one its application container logs in with.
    for (const name of apps) {
      const app = containerEnv(name);
      const variable = `NATS_${name.replace(/-/g, '_').toUpperCase()}_PASSWORD`;
      expect({ name, user: app.NATS_USER, password: app.NATS_PASSWORD }).toEqual({
        name,
        user: name,
        password: env[variable],
      });
    }
  });

  withNatsServer(
    'deploy/nats.conf parses with the nats container environment (nats-server -t), and not without one of its variables',
    () => {
      const env = containerEnv('nats');
      const check = (e: Record<string, string>) =>
        spawnSync(natsServer ?? 'nats-server', ['-t', '-c', natsConfPath], {
          env: { PATH: process.env.PATH ?? '', ...e },
          encoding: 'utf8',
          timeout: 10_000,
        });
      const ok = check(env);
      expect({ status: ok.status, error: ok.error?.message, output: `${ok.stdout}${ok.stderr}` }).toEqual({
        status: 0,
        error: undefined,
        output: expect.stringMatching(/valid/),
      });

      const [dropped, ...rest] = natsConfVariables(natsConf);
      const withoutOne = check(Object.fromEntries(Object.entries(env).filter(([k]) => k !== dropped)));
      expect(withoutOne.status).not.toBe(0);
      expect(`${withoutOne.stdout}${withoutOne.stderr}`).toContain(dropped);
      expect(rest.length).toBeGreaterThan(0);
    },
  );
});

describe('Dockerfile', () => {
  it('installs the devDependencies the build needs: NODE_ENV=production is not set before the build stage runs npm ci', () => {
    const buildStage = stages.find((s) => s.instructions.some((i) => i.op === 'RUN' && /turbo run build/.test(i.args)));
    expect(buildStage).toBeDefined();
    const before = lineage(buildStage!);
    const build = before.findIndex((i) => i.op === 'RUN' && /turbo run build/.test(i.args));
    const install = before.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(build);
    expect(before[install]!.args).not.toMatch(/--omit[= ]dev|--production|--only[= ]prod/);
    expect(nodeEnvAfter(before.slice(0, install))).not.toBe('production');
    expect(
      before
        .slice(0, install)
        .some((i) => (i.op === 'ARG' || i.op === 'ENV') && /NPM_CONFIG_(OMIT|PRODUCTION)/i.test(i.args)),
    ).toBe(false);
  });

  it('copies every workspace of package.json into the image the build installs from', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.map((w) =>
      w.replace(/\/\*$/, ''),
    );
    const buildStage = stages.find((s) =>
      s.instructions.some((i) => i.op === 'RUN' && /turbo run build/.test(i.args)),
    )!;
    const sources = lineage(buildStage)
      .filter((i) => i.op === 'COPY' && !/--from/.test(i.args))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    for (const w of workspaces)
      expect({ w, copied: sources.some((s) => s === w || s === `${w}/package.json`) }).toEqual({ w, copied: true });
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('runs production on node with the built bundle of each application, as an unprivileged user', () => {
    expect(nodeEnvAfter(lineage(finalStage))).toBe('production');
    const user = finalStage.instructions.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const copies = finalStage.instructions.filter((i) => i.op === 'COPY').map((i) => i.args);
    for (const name of apps) {
      const dist = `${workspaceOf(name)}/dist`;
      expect({ name, copied: copies.some((c) => c.includes(`/app/${dist} `)) }).toEqual({ name, copied: true });
    }
    const cmd = JSON.parse(finalStage.instructions.find((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd).toEqual(['node', 'gateway/dist/main.js']);
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  /** Whether a pattern keeps `file` out of the build context (the forms this file uses: `a/b`, `**\/a`, `*.ext`). */
  const ignores = (pattern: string, file: string) => {
    const anywhere = pattern.startsWith('**/');
    const p = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
    if (p.startsWith('*.')) return file.endsWith(p.slice(1));
    if (anywhere) return `/${file}/`.includes(`/${p}/`);
    return file === p || file.startsWith(`${p}/`);
  };

  it('keeps dependencies, build output, local data and history out of the build context', () => {
    for (const file of [
      'node_modules/x',
      'services/cases/node_modules/x',
      'gateway/dist/main.js',
      '.turbo/x',
      'packages/db/.turbo/x',
      'coverage/x',
      '.data/pg/x',
      '.git/HEAD',
      '.env',
      'bench/results/county.md',
      'services/cases/src/generated/resolvers-types.ts',
    ]) {
      expect({ file, ignored: patterns.some((p) => ignores(p, file)) }).toEqual({ file, ignored: true });
    }
  });

  it('keeps what the Dockerfile copies from the context', () => {
    const sources = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.op === 'COPY' && !/--from/.test(i.args))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1),
      );
    const needed = [
      ...sources,
      'gateway/supergraph.graphql',
      'gateway/persisted-operations.json',
      'services/cases/src/schema.graphql',
      'codegen.ts',
    ];
    for (const file of needed)
      expect({ file, ignoredBy: patterns.filter((p) => ignores(p, file)) }).toEqual({ file, ignoredBy: [] });
  });

  it('starts Prometheus, Grafana and Jaeger only in the observability profile, on loopback ports', () => {
    expect(Object.keys(profiled).sort()).toEqual(['grafana', 'jaeger', 'prometheus']);
    for (const [name, s] of Object.entries(profiled)) {
      expect({ name, profiles: s.profiles }).toEqual({ name, profiles: ['observability'] });
      for (const p of s.ports ?? [])
        expect({ name, port: String(p) }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      for (const v of s.volumes ?? []) {
        const file = String(v).split(':')[0]!;
        if (file.startsWith('./'))
          expect({ name, exists: existsSync(path.join(root, file)) }).toEqual({ name, exists: true });
      }
    }
    // The gateway's metrics are scraped on its own port, apart from the published one.
    expect(compose.services.gateway.environment.METRICS_PORT).toBe('9464');
  });
});
