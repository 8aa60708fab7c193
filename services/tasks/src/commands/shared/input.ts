import { isDivisionCode, isoDaySchema, isoInstantSchema, isVillageCode, uuidSchema } from '@zhiyuan/kernel';
import { z } from 'zod';

/** The pieces of the mutations' input schemas. */
export const uuid = uuidSchema;
export const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullish();
export const fen = z.number().int('must be whole fen').nonnegative('cannot be negative');
export const isoDay = isoDaySchema;
export const isoInstant = isoInstantSchema;
export const divisionCode = z.string().refine(isDivisionCode, 'must be a 6, 9 or 12 digit division code');
export const villageCode = z.string().refine(isVillageCode, 'must be a 12 digit village code');
export const idSchema = z.object({ id: uuid });

/** The answers of a property and income declaration (财产收入申报表). */
export const declarationAnswers = {
  monthlyIncomeFen: fen,
  assets: z
    .array(
      z.object({
        kind: z.enum(['REAL_ESTATE', 'VEHICLE', 'DEPOSIT', 'BUSINESS', 'OTHER']),
        description: text(500),
        valueFen: fen,
      }),
    )
    .max(100),
  debtsFen: fen,
  dependants: z.number().int().min(0, 'cannot be negative').max(50),
  signedOn: isoDay,
};
