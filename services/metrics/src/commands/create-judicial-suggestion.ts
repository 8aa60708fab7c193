import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Identity } from '@zhiyuan/auth';
import { isDivisionCode } from '@zhiyuan/kernel';
import { parseInput, type ServiceRuntime } from '@zhiyuan/server';
import { JudicialSuggestionEntity } from '../entities';
import { requireAdmin } from '../policy';

const suggestionSchema = z.object({
  targetDepartment: z.string().trim().min(1).max(200),
  divisionCode: z.string().refine(isDivisionCode, 'a 6, 9 or 12 digit division code').nullish(),
  title: z.string().trim().min(1).max(200),
  finding: z.string().trim().min(1).max(10_000),
  figures: z
    .array(z.object({ label: z.string().trim().min(1).max(200), value: z.string().trim().min(1).max(200) }))
    .max(50),
});

/** Drafts a judicial suggestion (司法建议) to a department. */
export async function createJudicialSuggestion(
  runtime: ServiceRuntime,
  identity: Identity,
  input: unknown,
): Promise<JudicialSuggestionEntity> {
  requireAdmin(identity);
  const v = parseInput(suggestionSchema, input);
  const entity = Object.assign(new JudicialSuggestionEntity(), {
    id: randomUUID(),
    targetDepartment: v.targetDepartment,
    divisionCode: v.divisionCode ?? null,
    title: v.title,
    finding: v.finding,
    figures: v.figures,
    status: 'DRAFT' as const,
    createdBy: identity.sub,
    createdAt: new Date(),
    sentAt: null,
    answeredAt: null,
    answer: null,
  });
  return runtime.ds.getRepository(JudicialSuggestionEntity).save(entity);
}
