import { defineHandler, type Emit, type HandlerDefinition } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import { applyContribution } from '../projection/aggregates';
import { Contribution } from '../projection/contributions';
import { factKeyOf, recordPartnerChanges, writeFact, type FactKey, type PartnerChange } from '../projection/facts';
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
 * serialize on their row locks. A lock this transaction already holds (`held`: several events of
 * one batch) is not asked for again.
 */
/** The lock name of a fact (`case:<id>`, `task:<id>`, `meeting:<id>`); partner changes have no fact lock. */
function factLockName(key: FactKey | null): string | null {
  return key && key.kind !== 'partner' ? `${key.kind}:${key.id}` : null;
}

async function lockFact(m: EntityManager, key: FactKey | null, held: Set<string>): Promise<void> {
  const fact = factLockName(key);
  if (fact && !held.has(fact)) {
    await queryPrepared(m, `SELECT pg_advisory_xact_lock_shared(${PROJECTION}), pg_advisory_xact_lock(hashtext('metrics.fact'), hashtext($1))`, [fact]);
    held.add(fact).add('projection');
  } else if (!held.has('projection')) {
    await queryPrepared(m, `SELECT pg_advisory_xact_lock_shared(${PROJECTION})`, []);
    held.add('projection');
  }
}

/**
 * The read-model changes of the events of one transaction, summed: one event's, or a batch's. The
 * county, township and judge rows every event touches are then written once per transaction, and
 * the warning rules evaluated once, for the divisions where a metric changed.
 */
class PendingChange {
  readonly sum = new Contribution();
  partner = false;
  cause?: EventEnvelope;

  add(d: Contribution, partner: boolean, event: EventEnvelope): void {
    this.sum.merge(d);
    this.partner ||= partner;
    if (!d.empty) this.cause ??= event;
  }

  async apply(manager: EntityManager, emit: Emit, now: Date, s: ProjectionSettings): Promise<void> {
    const d = this.sum;
    await applyContribution(manager, d);
    const scope = warningScope(d, this.partner ? s.countyCode : null);
    if (scope.size) await evaluateWarnings(manager, emit, now, s, scope);
    if (!d.empty && this.cause) {
      // Sent with the change's commit, so a cache of cockpit answers drops them once the new figures are readable.
      const divisionCodes = [...new Set(d.rows('D').map((r) => r.parts[0]!).concat(d.rows('S').map((r) => r.parts[0]!)))].sort();
      await emit('metrics.figures.updated', { divisionCodes, sourceEventId: this.cause.id, updatedAt: now.toISOString() }, { key: divisionCodes[0] ?? s.countyCode, cause: this.cause });
    }
  }
}

/**
 * A handler that records its event as a fact and adds the difference the change makes to the read
 * models (what the fact's rows contribute after the event minus before it), then evaluates the
 * warning rules whose metric changed, for the divisions where it changed; all in the inbox
 * transaction. The differences of the events handled in one transaction are summed and written
 * once, just before it commits (PendingChange).
 */
export function projectFact(name: string, subject: string, s: ProjectionSettings, now: () => Date = () => new Date()): HandlerDefinition {
  return defineHandler({
    name,
    subject,
    // The events of one fact (a case's listings and payments with the case) share a batch line, so
    // batches on two lines never wait on each other's fact locks.
    batchKey: (event) => factLockName(factKeyOf(event, s)) ?? 'partner',
    handle: async (event, manager, _emit, tx) => {
      const key = factKeyOf(event, s);
      await lockFact(manager, key, tx.shared('metrics.locks', () => new Set<string>(), async () => undefined));
      const pending = tx.shared('metrics.projection', () => new PendingChange(), (p, m, emit) => p.apply(m, emit, now(), s));
      if (event.type === 'credit.link.changed') {
        // A link change only starts its acknowledgement clock and moves no figure: the changes of a
        // transaction are written together, once every handling is done.
        const p = (event as EventEnvelope<'credit.link.changed'>).payload;
        tx.shared('metrics.partner-changes', () => [] as PartnerChange[], (changes, m) => recordPartnerChanges(m, changes)).push({ changeId: p.changeId, department: p.department, changedAt: p.changedAt });
        pending.add(new Contribution(), true, event);
        return;
      }
      const { before, after } = await writeFact(manager, event, s);
      pending.add(Contribution.difference(before, after), key?.kind === 'partner', event);
    },
  });
}
