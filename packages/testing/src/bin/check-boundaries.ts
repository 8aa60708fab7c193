/**
 * Fails when a service imports another service's code (directly or by a relative path), or when a
 * package imports a service. Services meet only through federation and events.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
const importRe = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

export function violations(root: string = repoRoot): string[] {
  const services = readdirSync(path.join(root, 'services'));
  const found: string[] = [];
  const owners: [string, string | null][] = [
    ...services.map((s) => [path.join(root, 'services', s), s] as [string, string]),
    [path.join(root, 'gateway'), null],
    ...readdirSync(path.join(root, 'packages')).filter((p) => p !== 'testing').map((p) => [path.join(root, 'packages', p), null] as [string, null]),
  ];
  for (const [dir, self] of owners) {
    for (const file of files(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importRe)) {
        const spec = m[1]!;
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
        for (const other of services) {
          if (other === self) continue;
          if (resolved === `@zhiyuan/${other}` || resolved.startsWith(`@zhiyuan/${other}/`) || resolved.startsWith(path.join(root, 'services', other))) {
            found.push(`${path.relative(root, file)} imports ${spec} (service ${other})`);
          }
        }
      }
    }
  }
  return found;
}

if (require.main === module) {
  const v = violations();
  const services = readdirSync(path.join(repoRoot, 'services'));
  if (v.length) {
    process.stderr.write(`Boundary check failed: services never import each other.\n${v.map((x) => `  ${x}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`boundary check: ${services.length} services, no cross-service imports\n`);
}
