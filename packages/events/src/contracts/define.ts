import { z } from 'zod';

/** One event type: its name (also its subject, unless `subject` routes it further), version and payload schema. */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  version: number;
  description: string;
  payload: S;
  /** The subject an event of this type is published on; defaults to the type. */
  subject?: (payload: z.infer<S>) => string;
}

export function defineEvent<T extends string, S extends z.ZodType>(contract: EventContract<T, S>): EventContract<T, S> {
  return contract;
}

// Field types shared by every context's contracts.
export const uuid = () => z.uuid();
export const fen = () => z.number().int().nonnegative();
export const isoDateTime = () => z.iso.datetime({ offset: true });
export const isoDate = () => z.iso.date();
export const divisionCode = () => z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6, 9 or 12 digit division code');
