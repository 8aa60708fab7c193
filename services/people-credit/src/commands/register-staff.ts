import { z } from 'zod';
import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { parseInput } from '@zhiyuan/server';
import { STAFF_ROLES } from '../domain/staff-rules';
import type { StaffEntity } from '../entities';
import { requireStaffAdmin } from '../policy';
import type { CommandContext } from './shared/command-context';
import { divisionCode, name, phone } from './shared/fields';
import { insertStaff } from './shared/staff';

const staffInput = z.object({
  name,
  roles: z.array(z.enum(STAFF_ROLES)).min(1, 'needs at least one role'),
  divisionCode: divisionCode.nullish(),
  phone,
  department: z.enum(PARTNER_DEPARTMENTS).nullish(),
});

/** An administrator opens a staff account; people.staff.registered tells the other services. */
export async function registerStaff(ctx: CommandContext, raw: unknown): Promise<StaffEntity> {
  requireStaffAdmin(ctx.identity);
  const input = parseInput(staffInput, raw);
  const [s] = await ctx.runtime.messaging.transaction((m, emit) => insertStaff(m, emit, [input]));
  return s!;
}
