import { noteAuditChanges, type Messaging } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { JudicialSuggestionEntity } from '../../entities';
import { invalidTransition } from './transitions';

/**
 * Moves a judicial suggestion one step (DRAFT → SENT → ANSWERED) under a row lock, through the
 * service's messaging so that the mutation's audit entry (with the fields changed) commits with it.
 */
export async function moveSuggestion(
  messaging: Messaging,
  id: string,
  from: 'DRAFT' | 'SENT',
  to: 'SENT' | 'ANSWERED',
  changes: Partial<JudicialSuggestionEntity>,
) {
  return messaging.transaction(async (m) => {
    const repo = m.getRepository(JudicialSuggestionEntity);
    const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw errors.notFound('JudicialSuggestion', id);
    if (s.status !== from) throw invalidTransition('judicial suggestion', s.status, to);
    const before = { ...s };
    Object.assign(s, changes, { status: to });
    const saved = await repo.save(s);
    noteAuditChanges(auditChanges(before, { ...saved }, ['status', ...Object.keys(changes)]));
    return saved;
  });
}
