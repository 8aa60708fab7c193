import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { uuidSchema } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import type { JudicialSuggestionEntity } from '../entities';
import { requireAdmin } from '../policy';
import { moveSuggestion } from './shared/judicial-suggestions';

const answerSchema = z.object({ id: uuidSchema, answer: z.string().trim().min(1).max(10_000) });

/** A sent suggestion is answered by its department. */
export async function answerJudicialSuggestion(
  runtime: ServiceRuntime,
  identity: Identity,
  args: unknown,
): Promise<JudicialSuggestionEntity> {
  requireAdmin(identity);
  const { id, answer } = parseInput(answerSchema, args);
  return moveSuggestion(runtime.messaging, id, 'SENT', 'ANSWERED', { answeredAt: new Date(), answer });
}
