import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { instantIdCursor, pageArgs, toConnection, uuidSchema, type PageArgs } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { JudicialSuggestionEntity } from '../entities';
import { requireCountyReader } from '../policy';

const idArgs = z.object({ id: uuidSchema });

/** Newest first, keyset-paginated on (created at, id). */
export async function listJudicialSuggestions(
  ds: DataSource,
  identity: Identity,
  args: PageArgs & { status?: string | null },
) {
  requireCountyReader(identity);
  const { limit, after: rawAfter } = pageArgs(args);
  const after = instantIdCursor(rawAfter);
  const qb = ds
    .getRepository(JudicialSuggestionEntity)
    .createQueryBuilder('s')
    .orderBy('s.created_at', 'DESC')
    .addOrderBy('s.id', 'DESC')
    .take(limit + 1);
  if (args.status) qb.andWhere('s.status = :status', { status: args.status });
  if (after) qb.andWhere('(s.created_at, s.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
  const rows = await qb.getMany();
  return toConnection(rows, limit, (s) => [s.createdAt.toISOString(), s.id]);
}

export async function judicialSuggestionById(
  ds: DataSource,
  identity: Identity,
  id: unknown,
): Promise<JudicialSuggestionEntity | null> {
  requireCountyReader(identity);
  return ds.getRepository(JudicialSuggestionEntity).findOneBy({ id: parseInput(idArgs, { id }).id });
}
