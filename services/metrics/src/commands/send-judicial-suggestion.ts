import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { uuidSchema } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import type { JudicialSuggestionEntity } from '../entities';
import { requireAdmin } from '../policy';
import { moveSuggestion } from './shared/judicial-suggestions';

const sendSchema = z.object({ id: uuidSchema });

/** A draft suggestion is sent to its department. */
export async function sendJudicialSuggestion(
  runtime: ServiceRuntime,
  identity: Identity,
  args: unknown,
): Promise<JudicialSuggestionEntity> {
  requireAdmin(identity);
  const { id } = parseInput(sendSchema, args);
  return moveSuggestion(runtime.messaging, id, 'DRAFT', 'SENT', { sentAt: new Date() });
}
