import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../src');

describe('entry points', () => {
  // The deployed bundle (dist/main.js) inlines every module main.ts reaches; a `require.main` block in
  // one of them would run inside it (it once rewrote the safelist at every start, and failed as a user
  // who may not write there). Commands live in src/bin, which main.ts never imports.
  it('keeps command-line blocks out of the modules the server is built from', () => {
    const offenders = readdirSync(SRC)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /require\.main\s*===\s*module/.test(readFileSync(path.join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('runs the commands from src/bin', () => {
    const scripts = (
      JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.tokens).toContain('src/bin/tokens.ts');
    expect(scripts.persist).toContain('src/bin/persist.ts');
  });
});
