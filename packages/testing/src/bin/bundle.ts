/**
 * `npm run build` in a deployable (a subgraph or the gateway): bundles src/main.ts and the workspace
 * packages it uses into dist/main.js (npm dependencies stay external), and copies the SDL beside it.
 * Run as `node dist/main.js`.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const cwd = process.cwd();

// Workspace packages are TypeScript sources and get bundled; everything from npm stays external.
const externalizeNpm: Plugin = {
  name: 'externalize-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@zhiyuan/') ? undefined : { path: args.path, external: true },
    );
  },
};

async function main(): Promise<void> {
  mkdirSync(path.join(cwd, 'dist'), { recursive: true });
  await build({
    entryPoints: [path.join(cwd, 'src/main.ts')],
    outfile: path.join(cwd, 'dist/main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    tsconfig: path.join(cwd, 'tsconfig.json'),
    plugins: [externalizeNpm],
    logLevel: 'warning',
  });
  const sdl = path.join(cwd, 'src/schema.graphql');
  if (existsSync(sdl)) copyFileSync(sdl, path.join(cwd, 'dist/schema.graphql'));
  process.stdout.write(`built ${path.relative(process.cwd(), 'dist/main.js')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
