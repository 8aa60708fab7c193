import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import {
  courtDate,
  errors,
  isDivisionCode,
  isUuid,
  isValidDate,
  pageArgs,
  requireRole,
  toConnection,
} from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { CaseEntity } from '../entities';
import { caseScopeSql, RESEARCH_READERS } from '../policy';
import type { CaseConnection } from './cases';

const researchDueArgs = z.object({
  divisionCode: z.string().refine(isDivisionCode, 'must be a 6, 9 or 12 digit division code').nullish(),
  before: z.string().refine(isValidDate, 'must be a date YYYY-MM-DD').nullish(),
  first: z.number().int().nullish(),
  after: z.string().nullish(),
});

/** The list's order: an open asset lead first, then the earliest due date, then the id. */
const cursorOf = (c: CaseEntity) => [c.openAssetLeadAt === null, c.nextResearchDue, c.id];

/**
 * `researchDue`: the 终本 cases the caller may see whose asset re-search falls due on or before
 * `before` (default today, court calendar), and every one with an asset lead not yet acted on
 * whatever its due date. Two statements (page, total), served by `case_research_due_idx`.
 */
export async function listResearchDue(
  ds: DataSource,
  identity: Identity,
  raw: unknown,
  now: Date = new Date(),
): Promise<CaseConnection> {
  requireRole(identity, ...RESEARCH_READERS);
  const args = parseInput(researchDueArgs, raw);
  const { limit, after } = pageArgs({ first: args.first, after: args.after });
  const before = args.before ?? courtDate(now);
  const qb = ds.getRepository(CaseEntity).createQueryBuilder('c');
  const scope = caseScopeSql(identity);
  qb.where(scope ? scope.sql : 'TRUE', scope?.params ?? {});
  qb.andWhere(`c.state = 'TERMINATED_THIS_ROUND'`);
  qb.andWhere('(c.open_asset_lead_at IS NOT NULL OR c.next_research_due <= :before)', { before });
  const d = args.divisionCode;
  if (d?.length === 12) qb.andWhere('c.village_code = :div', { div: d });
  else if (d?.length === 9) qb.andWhere('c.township_code = :div', { div: d });
  else if (d) qb.andWhere('c.township_code LIKE :divPrefix', { divPrefix: `${d}%` });
  const totalCount = await qb.clone().getCount();
  if (after) {
    const [noLead, due, id] = after;
    if (
      after.length !== 3 ||
      typeof noLead !== 'boolean' ||
      (due !== null && (typeof due !== 'string' || !isValidDate(due))) ||
      !isUuid(id)
    )
      throw errors.validation('after', 'The cursor is not valid; use a cursor from a previous page');
    // NULL due dates (never for a terminated case, but kept total) sort last, as PostgreSQL's ASC does.
    qb.andWhere(
      `((c.open_asset_lead_at IS NULL), coalesce(c.next_research_due, 'infinity'::date), c.id) > (CAST(:noLead AS boolean), coalesce(CAST(:due AS date), 'infinity'::date), CAST(:afterId AS uuid))`,
      { noLead, due, afterId: id },
    );
  }
  const rows = await qb
    .orderBy('(c.open_asset_lead_at IS NULL)', 'ASC')
    .addOrderBy('c.next_research_due', 'ASC', 'NULLS LAST')
    .addOrderBy('c.id', 'ASC')
    .limit(limit + 1)
    .getMany();
  return { ...toConnection(rows, limit, cursorOf), totalCount };
}
