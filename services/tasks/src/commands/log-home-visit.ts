import { randomUUID } from 'node:crypto';
import { sqlExec } from '@zhiyuan/db';
import { courtDate, errors, requireSignedIn } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { z } from 'zod';
import type { Context } from '../context';
import { HomeVisitEntity } from '../entities';
import { requireObligorCase } from './shared/cases';
import { isoDay, text, uuid } from './shared/input';
import { requirePartyInScope } from './shared/parties';

const visitSchema = z.object({ partyId: uuid, caseId: uuid.nullish(), visitedOn: isoDay, summary: text(2000) });

/** A home visit to an obligor, logged by staff of the party's home division. */
export async function logHomeVisit(ctx: Context, input: unknown): Promise<HomeVisitEntity> {
  requireSignedIn(ctx.identity);
  const i = parseInput(visitSchema, input);
  if (i.visitedOn > courtDate(new Date())) throw errors.validation('visitedOn', 'visitedOn cannot be in the future');
  return ctx.runtime.messaging.transaction(async (m) => {
    await requirePartyInScope(m, ctx.identity, i.partyId);
    await requireObligorCase(m, i.partyId, i.caseId);
    const id = randomUUID();
    await sqlExec(
      m,
      `INSERT INTO tasks.home_visit (id, party_id, case_id, visited_on, visitor_sub, summary) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, i.partyId, i.caseId ?? null, i.visitedOn, ctx.identity.sub, i.summary],
    );
    return m.getRepository(HomeVisitEntity).findOneByOrFail({ id });
  });
}
