import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { violations } from './check-boundaries';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  mkdirSync(path.join(root, 'gateway'), { recursive: true });
  mkdirSync(path.join(root, 'packages'), { recursive: true });
  return root;
}

describe('boundary check', () => {
  it('passes the real tree', () => {
    expect(violations()).toEqual([]);
  });

  it('finds a service importing another by package name or relative path, and a package importing a service', () => {
    const root = tree({
      'services/cases/src/a.ts': "import { x } from '@zhiyuan/tasks';\nimport { y } from '@zhiyuan/db';",
      'services/tasks/src/b.ts': "import { z } from '../../cases/src/entities';",
      'services/metrics/src/c.ts': "import { own } from './own';",
      'packages/db/src/d.ts': "const m = require('@zhiyuan/metrics');",
    });
    expect(violations(root).sort()).toEqual([
      'packages/db/src/d.ts imports @zhiyuan/metrics (service metrics)',
      'services/cases/src/a.ts imports @zhiyuan/tasks (service tasks)',
      'services/tasks/src/b.ts imports ../../cases/src/entities (service cases)',
    ]);
  });
});
