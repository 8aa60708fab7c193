import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The dependency rule of docs/service-layout.md proves itself: `.dependency-cruiser.cjs`, run over a
 * miniature of the layout (fixtures/layout), reports each planted violation under its own rule and
 * nothing else. The real tree is checked by `npm run check:deps`, not here.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const fixture = path.join(__dirname, 'fixtures/layout');

interface Cruised {
  modules: { source: string }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function cruiseFixture(): Cruised {
  const r = spawnSync(
    process.execPath,
    [
      path.join(__dirname, 'support/cruise.mjs'),
      path.join(repoRoot, '.dependency-cruiser.cjs'),
      fixture,
      'services',
      'packages',
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`dependency-cruiser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Cruised;
}

describe('the dependency rule (.dependency-cruiser.cjs)', () => {
  let cruised: Cruised;
  beforeAll(() => {
    cruised = cruiseFixture();
  });

  it('fires each rule exactly for the file planted to break it', () => {
    const found = cruised.summary.violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
    expect(found).toEqual(
      [
        'domain-and-policy-never-reach-up: services/a/src/policy.ts',
        'domain-does-no-io: services/a/src/domain/violates-domain-does-no-io.ts',
        'domain-is-pure: services/a/src/domain/violates-domain-is-pure.ts',
        'kernel-is-pure: packages/kernel/src/violates-kernel-is-pure.ts',
        'no-cross-service: services/a/src/commands/violates-no-cross-service.ts',
        'no-undeclared-dependency: services/a/src/commands/violates-no-undeclared-dependency.ts',
        'no-unresolvable-import: services/a/src/commands/violates-no-unresolvable-import.ts',
        'nothing-imports-resolvers: services/a/src/queries/violates-nothing-imports-resolvers.ts',
        'packages-never-import-services: packages/tool/src/violates-packages-never-import-services.ts',
        'queries-never-call-commands: services/a/src/queries/violates-queries-never-call-commands.ts',
        'resolvers-run-no-sql: services/a/src/resolvers/violates-resolvers-run-no-sql.ts',
      ].sort(),
    );
  });

  it('covers every rule of the configuration', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the configuration is CommonJS.
    const config = require(path.join(repoRoot, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] };
    const fired = new Set(cruised.summary.violations.map((v) => v.rule.name));
    expect(config.forbidden.map((r) => r.name).filter((name) => !fired.has(name))).toEqual([]);
  });

  it('lets the allowed imports pass', () => {
    const allowed = [
      // resolvers → queries, domain; a type-only TypeORM import
      'services/a/src/resolvers/Query.ts',
      // commands → queries, domain
      'services/a/src/commands/close-task.ts',
      // queries → domain
      'services/a/src/queries/read.ts',
      // domain → domain, the kernel, zod; a type-only import of an entity
      'services/a/src/domain/rule.ts',
      'services/b/src/domain/score.ts',
      // the service assembly knows the resolvers
      'services/a/src/create-service.ts',
      // the kernel → zod
      'packages/kernel/src/index.ts',
    ];
    const sources = new Set(cruised.modules.map((m) => m.source));
    for (const file of allowed) expect(sources).toContain(file);
    const offenders = new Set(cruised.summary.violations.map((v) => v.from));
    expect(allowed.filter((f) => offenders.has(f))).toEqual([]);
  });
});
