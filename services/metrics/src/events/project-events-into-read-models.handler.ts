import { defineHandler, type Emit, type HandlerDefinition } from '@zhiyuan/db';
import type { EventEnvelope } from '@zhiyuan/events';
import type { EntityManager } from 'typeorm';
import { applyContribution } from '../projection/aggregates';
import { Contribution } from '../projection/contributions';
import { FACT_ENTRIES, type FactEntry } from '../projection/fact-table';
import { batchedRowsOf, factKeyOf, factLockName, lockFact, writeBatchedRows, writeFact } from '../projection/projector';
import type { ProjectionSettings } from '../projection/settings';
import { evaluateWarnings } from '../commands/shared/warnings';
import { warningScope } from '../domain/warnings';

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
      const divisionCodes = [
        ...new Set(
          d
            .rows('D')
            .map((r) => r.parts[0]!)
            .concat(d.rows('S').map((r) => r.parts[0]!)),
        ),
      ].sort();
      await emit(
        'metrics.figures.updated',
        { divisionCodes, sourceEventId: this.cause.id, updatedAt: now.toISOString() },
        { key: divisionCodes[0] ?? s.countyCode, cause: this.cause },
      );
    }
  }
}

/**
 * One handler per entry of the fact table (src/projection/fact-table.ts), each its own durable
 * consumer named for the entry's rule: it records its event as a fact and adds the difference the
 * change makes to the read models (what the fact's rows contribute after the event minus before
 * it), then evaluates the warning rules whose metric changed, for the divisions where it changed;
 * all in the inbox transaction. The differences of the events handled in one transaction are
 * summed and written once, just before it commits (PendingChange); a batched entry's fact rows
 * (credit-link changes) are written together then too.
 */
function projectEntry(entry: FactEntry, s: ProjectionSettings, now: () => Date): HandlerDefinition {
  return defineHandler({
    name: entry.consumer,
    subject: entry.subject,
    // The events of one fact (a case's listings and payments with the case) share a batch line, so
    // batches on two lines never wait on each other's fact locks.
    batchKey: (event) => factLockName(factKeyOf(event, s)) ?? 'partner',
    handle: async (event, manager, _emit, tx) => {
      const key = factKeyOf(event, s);
      await lockFact(
        manager,
        key,
        tx.shared(
          'metrics.locks',
          () => new Set<string>(),
          async () => undefined,
        ),
      );
      const pending = tx.shared(
        'metrics.projection',
        () => new PendingChange(),
        (p, m, emit) => p.apply(m, emit, now(), s),
      );
      const batched = batchedRowsOf(event, s);
      if (batched) {
        // Such a fact moves no figure: its rows are written together, once every handling is done.
        // Nor can it move the partner-acknowledgement warning: a change it records is neither overdue
        // nor acknowledged, and one already known keeps its state; so no warning rule is evaluated for it.
        tx.shared(
          `metrics.facts.${batched.entry.table}`,
          () => [] as Record<string, unknown>[],
          (rows, m) => writeBatchedRows(m, batched.entry, rows),
        ).push(...batched.rows);
        pending.add(new Contribution(), false, event);
        return;
      }
      const { before, after } = await writeFact(manager, event, s);
      pending.add(Contribution.difference(before, after), key?.kind === 'partner', event);
    },
  });
}

/** Every event of the fact table projected into the facts and read models. */
export function projectEventsIntoReadModels(
  s: ProjectionSettings,
  now: () => Date = () => new Date(),
): HandlerDefinition[] {
  return Object.values(FACT_ENTRIES).map((entry) => projectEntry(entry, s, now));
}
