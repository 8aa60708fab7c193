import type { ServiceRuntime } from '@zhiyuan/server';

/** Demo divisions: Changxing county and the townships and villages named in the report. */
export async function seedDemoData({ ds, logger }: ServiceRuntime): Promise<void> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM people.division`);
  if (n > 0) return;
  await ds.query(`INSERT INTO people.division (code, name, level, parent_code) VALUES
    ('330522', '长兴县', 'COUNTY', NULL),
    ('330522104', '虹星桥镇', 'TOWNSHIP', '330522'),
    ('330522104201', '港口村', 'VILLAGE', '330522104'),
    ('330522104202', '白水村', 'VILLAGE', '330522104'),
    ('330522106', '和平镇', 'TOWNSHIP', '330522'),
    ('330522106201', '方家庄村', 'VILLAGE', '330522106')`);
  logger.info('demo divisions loaded');
}
