import { readFileSync } from 'node:fs';
import { CATALOGUE_PATH, renderCatalogue } from './bin/catalogue';

describe('event catalogue', () => {
  it('docs/events/README.md is generated from the current contracts (run `npm run docs:events` when this fails)', () => {
    expect(readFileSync(CATALOGUE_PATH, 'utf8')).toBe(renderCatalogue());
  });

  it('lists every subject of the architecture', () => {
    const text = renderCatalogue();
    for (const t of ['cases.case.closed', 'credit.link.changed', 'tasks.meeting.held', 'metrics.rules.activated', 'audit.entry.recorded']) expect(text).toContain(`### \`${t}\``);
  });
});
