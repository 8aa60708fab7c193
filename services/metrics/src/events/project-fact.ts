import { defineHandler, type HandlerDefinition } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';
import { refresh } from '../projection/aggregates';
import { applyFact } from '../projection/facts';
import type { ProjectionSettings } from '../projection/settings';
import { evaluateWarnings } from '../projection/warnings';

/**
 * Projection work is serialized: aggregates are recomputed (delete and insert) per key, and two
 * transactions doing that for the same key at once would collide or read each other's half.
 */
export async function lockProjection(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('metrics.projection'))`);
}

/**
 * A handler that records its event as a fact, recomputes the read models the fact affects and
 * re-evaluates the warning rules of the divisions it touched, all in the inbox transaction.
 */
export function projectFact(name: string, subject: string, s: ProjectionSettings, now: () => Date = () => new Date()): HandlerDefinition {
  return defineHandler({
    name,
    subject,
    handle: async (event, manager, emit) => {
      await lockProjection(manager);
      const touch = await applyFact(manager, event, s);
      await refresh(manager, touch, s);
      if (touch.codes.size) await evaluateWarnings(manager, emit, now(), s, [...touch.codes]);
    },
  });
}
