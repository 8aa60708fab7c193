import { z } from 'zod';

/**
 * An earlier version of a contract that consumers still accept from the stream (events published
 * before the change stay there until the stream's limits drop them): its payload schema, and how
 * such a payload becomes one of the current version.
 */
export interface EarlierVersion<S extends z.ZodType = z.ZodType> {
  version: number;
  payload: z.ZodType;
  upgrade: (payload: never) => z.input<S>;
  /** What a consumer does with it, for the catalogue. */
  note: string;
}

/** One event type: its name (also its subject, unless `subject` routes it further), version and payload schema. */
export interface EventContract<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  version: number;
  description: string;
  payload: S;
  /** The subject an event of this type is published on; defaults to the type. */
  subject?: (payload: z.infer<S>) => string;
  /** Earlier versions still accepted; any other version below `version` is refused. */
  accepts?: readonly EarlierVersion<S>[];
}

export function defineEvent<T extends string, S extends z.ZodType>(contract: EventContract<T, S>): EventContract<T, S> {
  return contract;
}

/** An earlier version whose payload is upgraded by `upgrade` (typed on that version's schema). */
export function earlierVersion<P extends z.ZodType, S extends z.ZodType>(v: {
  version: number;
  payload: P;
  upgrade: (payload: z.infer<P>) => z.input<S>;
  note: string;
}): EarlierVersion<S> {
  return v as EarlierVersion<S>;
}

// Field types shared by every context's contracts.
export const uuid = () => z.uuid();
export const fen = () => z.number().int().nonnegative();
export const isoDateTime = () => z.iso.datetime({ offset: true });
export const isoDate = () => z.iso.date();
export const divisionCode = () => z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6, 9 or 12 digit division code');
