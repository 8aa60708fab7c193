import type { z } from 'zod';
import { errors } from '@zhiyuan/kernel';

/** Validates mutation input with zod; the first problem becomes VALIDATION_FAILED naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || 'input';
  return (() => {
    throw errors.validation(field, `${field}: ${issue.message}`);
  })();
}
