import { z } from 'zod';
import { isValidDate } from '@zhiyuan/kernel';

/** Pieces of the mutations' input schemas. */
export const courtDay = z.string().refine(isValidDate, 'must be a date YYYY-MM-DD');
export const positiveFen = z.number().int().positive('must be more than zero').max(Number.MAX_SAFE_INTEGER);
export const reasonText = z.string().trim().min(2, 'give a reason').max(500);
