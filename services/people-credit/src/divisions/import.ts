import type { EntityManager } from 'typeorm';
import { sqlExec, sqlRows, type Emit } from '@zhiyuan/db';
import { errors, townshipOf, villageOf } from '@zhiyuan/kernel';
import { commandAuditPayload, type ServiceRuntime } from '@zhiyuan/server';
import { homeNamesOf, partyPayload } from '../commands/shared/parties';
import { officerIndexViolation, staffPayload } from '../commands/shared/staff';
import { byLevel, listParent, type ListEntry } from '../domain/division-list';
import { PartyEntity, StaffEntity } from '../entities';

export interface DivisionImportOptions {
  /** The 2-, 4- or 6-digit prefix the import was limited to; null for the whole list. */
  scope: string | null;
  /** Re-coded and merged divisions of this list: the old code's cases, parties and staff move to the new code. */
  mapping?: { oldCode: string; newCode: string }[];
  /** The day the list takes effect, recorded on each change (YYYY-MM-DD). */
  effectiveOn: string;
  /** Who ran it, for the change records and the audit entry. */
  actor: string;
  /** The list's name, for the audit entry (the dataset edition or the file). */
  source: string;
  batchSize?: number;
}

export interface DivisionImportSummary {
  regions: number;
  inserted: number;
  renamed: number;
  unchanged: number;
  recoded: number;
  /** Parties whose home moved to a new code, each announced by people.party.updated. */
  rehomedParties: number;
  /** Parties of renamed divisions, announced so that the other services print the new names. */
  renamedHomes: number;
  movedStaff: number;
}

interface UpsertRow {
  code: string;
  new_name: string;
  old_name: string | null;
}

const DEFAULT_BATCH = 5000;

/**
 * Loads a division list into people.division idempotently: upsert by code in batches (parents
 * first), a changed name recorded as RENAMED, each mapped old code recorded as RECODED and retired
 * (kept, never deleted), with the parties and staff of the old code moved to the new one. One
 * transaction: a list is applied whole or not at all, and the events it causes leave through the
 * outbox with it.
 */
export async function importDivisions(
  { messaging, logger }: Pick<ServiceRuntime, 'messaging' | 'logger'>,
  list: Map<string, ListEntry>,
  opts: DivisionImportOptions,
): Promise<DivisionImportSummary> {
  const batch = opts.batchSize ?? DEFAULT_BATCH;
  const mapping = opts.mapping ?? [];
  for (const m of mapping) {
    if (m.oldCode === m.newCode) throw errors.validation('mapping', `${m.oldCode} is mapped to itself`);
    if (list.has(m.oldCode))
      throw errors.validation('mapping', `${m.oldCode} is re-coded by the mapping but still in the list`);
    if (m.oldCode.length !== m.newCode.length)
      throw errors.validation('mapping', `${m.oldCode} and ${m.newCode} are not of the same level`);
  }
  const entries = byLevel(list.values());
  const summary = await messaging.transaction(async (manager, emit) => {
    // The demo seed takes the same lock: a list and the seed never interleave.
    await sqlExec(manager, `LOCK TABLE people.division IN SHARE ROW EXCLUSIVE MODE`);
    const s: DivisionImportSummary = {
      regions: 0,
      inserted: 0,
      renamed: 0,
      unchanged: 0,
      recoded: 0,
      rehomedParties: 0,
      renamedHomes: 0,
      movedStaff: 0,
    };
    const regions = entries.filter((e) => e.level === 'PROVINCE' || e.level === 'PREFECTURE');
    for (let i = 0; i < regions.length; i += batch) {
      const part = regions.slice(i, i + batch);
      await sqlExec(
        manager,
        `INSERT INTO people.division_region (code, name, level, parent_code)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code
         WHERE (division_region.name, division_region.parent_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.parent_code)`,
        [
          part.map((e) => e.code),
          part.map((e) => e.name),
          part.map((e) => e.level),
          part.map((e) => listParent(e.code)),
        ],
      );
      s.regions += part.length;
    }
    const divisions = entries.filter((e) => e.level !== 'PROVINCE' && e.level !== 'PREFECTURE');
    await requireParents(manager, divisions, list);
    const renamed: UpsertRow[] = [];
    for (let i = 0; i < divisions.length; i += batch) {
      const part = divisions.slice(i, i + batch);
      // Every statement of one WITH sees the rows as they were before it: `before` holds the old names.
      const rows = await sqlRows<UpsertRow>(
        manager,
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(code, name, level, parent_code)
         ), before AS (
           SELECT d.code, d.name FROM people.division d JOIN input USING (code)
         ), up AS (
           INSERT INTO people.division (code, name, level, parent_code) SELECT code, name, level, parent_code FROM input
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code
           WHERE (division.name, division.level, division.parent_code) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_code)
           RETURNING code, name
         )
         SELECT up.code, up.name AS new_name, before.name AS old_name FROM up LEFT JOIN before USING (code)`,
        [
          part.map((e) => e.code),
          part.map((e) => e.name),
          part.map((e) => e.level),
          part.map((e) => (e.level === 'COUNTY' ? null : listParent(e.code))),
        ],
      );
      for (const r of rows) {
        if (r.old_name === null) s.inserted++;
        else if (r.old_name !== r.new_name) renamed.push(r);
      }
      s.unchanged += part.length - rows.length;
    }
    const recordedAt = new Date();
    if (renamed.length > 0) {
      const recorded = await sqlRows<{ old_code: string }>(
        manager,
        `INSERT INTO people.division_code_change (id, old_code, new_code, kind, old_name, new_name, effective_on, recorded_at, recorded_by)
         SELECT gen_random_uuid(), code, code, 'RENAMED', old_name, new_name, $4::date, $5, $6
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(code, old_name, new_name)
         ON CONFLICT (old_code, kind, effective_on) DO UPDATE SET new_name = EXCLUDED.new_name
         RETURNING old_code`,
        [
          renamed.map((r) => r.code),
          renamed.map((r) => r.old_name),
          renamed.map((r) => r.new_name),
          opts.effectiveOn,
          recordedAt,
          opts.actor,
        ],
      );
      s.renamed = recorded.length;
      s.renamedHomes = await announceRenamedHomes(
        manager,
        emit,
        renamed.map((r) => r.code),
      );
    }
    for (const m of mapping) {
      const moved = await applyRecoding(manager, emit, m, opts, recordedAt);
      if (moved) {
        s.recoded++;
        s.rehomedParties += moved.parties;
        s.movedStaff += moved.staff;
      }
    }
    await emit(
      'audit.entry.recorded',
      commandAuditPayload({
        actor: opts.actor,
        service: messaging.producer,
        operation: 'divisions:import',
        targetKind: 'DIVISION',
        targetId: opts.scope ?? 'CN',
        detail: { source: opts.source, effectiveOn: opts.effectiveOn, ...s },
      }),
      { key: opts.actor },
    );
    return s;
  });
  logger.info({ scope: opts.scope, source: opts.source, ...summary }, 'divisions imported');
  return summary;
}

/** A township or village needs its parent in the list or already stored. */
async function requireParents(manager: EntityManager, divisions: ListEntry[], list: Map<string, ListEntry>) {
  const wanted = [
    ...new Set(
      divisions
        .filter((e) => e.level !== 'COUNTY')
        .map((e) => listParent(e.code)!)
        .filter((p) => !list.has(p)),
    ),
  ];
  if (wanted.length === 0) return;
  const found = await sqlRows<{ code: string }>(
    manager,
    `SELECT code FROM people.division WHERE code = ANY($1::text[])`,
    [wanted],
  );
  const missing = wanted.filter((c) => !found.some((f) => f.code === c));
  if (missing.length > 0)
    throw errors.validation('file', `The list names divisions under ${missing.slice(0, 5).join(', ')}, which it lacks`);
}

/** The parties of renamed villages and townships, told again with the new names (the texts of tasks print them). */
async function announceRenamedHomes(manager: EntityManager, emit: Emit, codes: string[]): Promise<number> {
  const parties = await manager
    .createQueryBuilder(PartyEntity, 'p')
    .where(`p.home_division_code = ANY(:codes) OR left(p.home_division_code, 9) = ANY(:codes)`, { codes })
    .orderBy('p.id')
    .getMany();
  for (const p of parties)
    await emit(
      'people.party.updated',
      {
        ...partyPayload(p, await homeNamesOf(manager, p.homeDivisionCode)),
        previousHomeDivisionCode: null,
        changed: ['homeDivisionName'],
      },
      { key: p.id },
    );
  return parties.length;
}

/**
 * One re-coded (or merged) division: recorded once per effective day, the old row retired, and the
 * parties and staff of the old code moved to the new one, each move announced so that the cases of a
 * moved party follow it (cases re-routes on people.party.updated with a previous home).
 */
async function applyRecoding(
  manager: EntityManager,
  emit: Emit,
  m: { oldCode: string; newCode: string },
  opts: DivisionImportOptions,
  recordedAt: Date,
): Promise<{ parties: number; staff: number } | null> {
  const rows = await sqlRows<{ code: string; name: string; retired_on: string | null }>(
    manager,
    `SELECT code, name, retired_on::text FROM people.division WHERE code = ANY($1::text[])`,
    [[m.oldCode, m.newCode]],
  );
  const oldRow = rows.find((r) => r.code === m.oldCode);
  const newRow = rows.find((r) => r.code === m.newCode);
  if (!newRow)
    throw errors.validation(
      'mapping',
      `${m.newCode} (the new code of ${m.oldCode}) is in neither the list nor the table`,
    );
  if (newRow.retired_on) throw errors.validation('mapping', `${m.newCode} is itself retired`);
  // A code never stored has nothing pointing at it.
  if (!oldRow) return null;
  const recorded = await sqlRows<{ id: string }>(
    manager,
    `INSERT INTO people.division_code_change (id, old_code, new_code, kind, old_name, new_name, effective_on, recorded_at, recorded_by)
     VALUES (gen_random_uuid(), $1, $2, 'RECODED', $3, $4, $5::date, $6, $7)
     ON CONFLICT (old_code, kind, effective_on) DO NOTHING RETURNING id`,
    [m.oldCode, m.newCode, oldRow.name, newRow.name, opts.effectiveOn, recordedAt, opts.actor],
  );
  await sqlExec(manager, `UPDATE people.division SET retired_on = $2::date WHERE code = $1 AND retired_on IS NULL`, [
    m.oldCode,
    opts.effectiveOn,
  ]);
  const parties = await manager.findBy(PartyEntity, { homeDivisionCode: m.oldCode });
  for (const p of parties.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    p.homeDivisionCode = m.newCode;
    p.updatedAt = recordedAt;
    await manager.save(PartyEntity, p);
    // Active listings follow the obligor to the exposure board of the new home, as a move does.
    await sqlExec(
      manager,
      `UPDATE people.dishonest_listing SET village_code = $2, township_code = coalesce($3, township_code) WHERE party_id = $1 AND status = 'ACTIVE'`,
      [p.id, villageOf(p.homeDivisionCode), townshipOf(p.homeDivisionCode)],
    );
    await emit(
      'people.party.updated',
      {
        ...partyPayload(p, await homeNamesOf(manager, p.homeDivisionCode)),
        previousHomeDivisionCode: m.oldCode,
        changed: ['homeDivisionCode'],
      },
      { key: p.id },
    );
  }
  const staff = await manager.findBy(StaffEntity, { divisionCode: m.oldCode });
  for (const st of staff.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    st.divisionCode = m.newCode;
    // Two townships merged with an officer each: the import stops, the officers are settled by hand first.
    await manager.save(StaffEntity, st).catch(officerIndexViolation);
    await emit('people.staff.updated', staffPayload(st), { key: st.id });
  }
  if (recorded.length === 0 && parties.length === 0 && staff.length === 0) return null;
  return { parties: parties.length, staff: staff.length };
}
