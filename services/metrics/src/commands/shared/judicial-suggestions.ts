import type { DataSource } from 'typeorm';
import { errors } from '@zhiyuan/kernel';
import { JudicialSuggestionEntity } from '../../entities';
import { invalidTransition } from './transitions';

/** Moves a judicial suggestion one step (DRAFT → SENT → ANSWERED) under a row lock. */
export async function moveSuggestion(
  ds: DataSource,
  id: string,
  from: 'DRAFT' | 'SENT',
  to: 'SENT' | 'ANSWERED',
  changes: Partial<JudicialSuggestionEntity>,
) {
  return ds.transaction(async (m) => {
    const repo = m.getRepository(JudicialSuggestionEntity);
    const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw errors.notFound('JudicialSuggestion', id);
    if (s.status !== from) throw invalidTransition('judicial suggestion', s.status, to);
    Object.assign(s, changes, { status: to });
    return repo.save(s);
  });
}
