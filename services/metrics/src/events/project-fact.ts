import { defineHandler, type HandlerDefinition } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { applyContribution } from '../projection/aggregates';
import { Contribution } from '../projection/contributions';
import { factKeyOf, writeFact, type FactKey } from '../projection/facts';
import { queryPrepared } from '../projection/prepared';
import type { ProjectionSettings } from '../projection/settings';
import { evaluateWarnings, warningScope } from '../projection/warnings';

const PROJECTION = `hashtext('metrics.projection')`;

/**
 * The whole projection at a standstill: taken (exclusive) by what rewrites read models wholesale
 * (a rebuild, a rule-set activation rescoring every judge, a warning rule change); every handler
 * holds it shared, so handlers never wait for one another on it.
 */
export async function lockProjection(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(${PROJECTION})`);
}

/**
 * A handler's locks: the projection shared, and the fact it changes exclusively (a case with its
 * listings and payments, a task, a meeting), so its rows read before and after the change are
 * this transaction's alone. Different facts proceed in parallel; the read-model rows they share
 * serialize on their row locks.
 */
async function lockFact(m: EntityManager, key: FactKey | null): Promise<void> {
  if (key && key.kind !== 'partner') await queryPrepared(m, `SELECT pg_advisory_xact_lock_shared(${PROJECTION}), pg_advisory_xact_lock(hashtext('metrics.fact'), hashtext($1))`, [`${key.kind}:${key.id}`]);
  else await queryPrepared(m, `SELECT pg_advisory_xact_lock_shared(${PROJECTION})`, []);
}

/**
 * A handler that records its event as a fact and adds the difference the change makes to the read
 * models (what the fact's rows contribute after the event minus before it), then evaluates the
 * warning rules whose metric changed, for the divisions where it changed; all in the inbox
 * transaction.
 */
export function projectFact(name: string, subject: string, s: ProjectionSettings, now: () => Date = () => new Date()): HandlerDefinition {
  return defineHandler({
    name,
    subject,
    handle: async (event, manager, emit) => {
      const key = factKeyOf(event, s);
      await lockFact(manager, key);
      const { before, after } = await writeFact(manager, event, s);
      const d = Contribution.difference(before, after);
      await applyContribution(manager, d);
      const scope = warningScope(d, key?.kind === 'partner' ? s.countyCode : null);
      if (scope.size) await evaluateWarnings(manager, emit, now(), s, scope);
      if (!d.empty) {
        // Sent with the change's commit, so a cache of cockpit answers drops them once the new figures are readable.
        const divisionCodes = [...new Set(d.rows('D').map((r) => r.parts[0]!).concat(d.rows('S').map((r) => r.parts[0]!)))].sort();
        await emit('metrics.figures.updated', { divisionCodes, sourceEventId: event.id, updatedAt: now().toISOString() }, { key: divisionCodes[0] ?? s.countyCode, cause: event });
      }
    },
  });
}
