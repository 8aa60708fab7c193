import { z } from 'zod';
import { isDivisionCode, uuidSchema } from '@zhiyuan/kernel';

/** The zod fields several commands' inputs share. */
export const name = z.string().trim().min(1, 'must not be empty').max(100);
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9-]{7,20}$/, 'must be a phone number')
  .nullish();
export const address = z.string().trim().max(200).nullish();
export const divisionCode = z.string().refine(isDivisionCode, 'must be a 6, 9 or 12 digit division code');
export const uuid = uuidSchema;
