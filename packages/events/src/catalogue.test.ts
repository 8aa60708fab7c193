import { readFileSync } from 'node:fs';
import { CATALOGUE_PATH, renderCatalogue } from './bin/catalogue';

describe('event catalogue', () => {
  it('docs/events/README.md is generated from the current contracts (run `npm run docs:events` when this fails)', () => {
    expect(readFileSync(CATALOGUE_PATH, 'utf8')).toBe(renderCatalogue());
  });

  it('lists every subject of the architecture', () => {
    const text = renderCatalogue();
    for (const t of [
      'cases.case.closed',
      'credit.link.changed',
      'tasks.meeting.held',
      'metrics.rules.activated',
      'audit.entry.recorded',
    ])
      expect(text).toContain(`### \`${t}\``);
  });

  it('says what a consumer does with an earlier version still in the stream', () => {
    const text = renderCatalogue();
    expect(text).toContain('### `credit.link.changed` (v2)');
    expect(text).toContain('Version 1, still in the stream, is accepted, and its `name` is dropped');
  });
});
