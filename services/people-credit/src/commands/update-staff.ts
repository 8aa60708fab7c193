import { z } from 'zod';
import { noteAuditChanges } from '@zhiyuan/db';
import { auditChanges, errors } from '@zhiyuan/kernel';
import { parseInput } from '@zhiyuan/server';
import { STAFF_ROLES } from '../domain/staff-rules';
import { StaffEntity } from '../entities';
import { requireStaffAdmin } from '../policy';
import type { CommandContext } from './shared/command-context';
import { divisionCode, name, phone, uuid } from './shared/fields';
import { checkOneOfficerPerTownship, checkStaff, officerIndexViolation, staffPayload } from './shared/staff';

const staffChanges = z.object({
  name: name.nullish(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, 'needs at least one role').nullish(),
  divisionCode: divisionCode.nullish(),
  phone,
  active: z.boolean().nullish(),
});

/** An administrator changes a staff account (roles, division, phone, active); people.staff.updated tells the other services. */
export async function updateStaff(ctx: CommandContext, rawId: unknown, raw: unknown): Promise<StaffEntity> {
  requireStaffAdmin(ctx.identity);
  const id = parseInput(uuid, rawId);
  const changes = parseInput(staffChanges, raw);
  return ctx.runtime.messaging.transaction(async (manager, emit) => {
    const s = await manager.findOne(StaffEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw errors.notFound('Staff', id);
    const before = { ...s, roles: [...s.roles] } as Record<string, unknown>;
    if (changes.name) s.name = changes.name;
    if (changes.roles) s.roles = [...new Set(changes.roles)];
    if (changes.divisionCode !== undefined && changes.divisionCode !== null) s.divisionCode = changes.divisionCode;
    if (changes.phone !== undefined && changes.phone !== null) s.phone = changes.phone;
    if (changes.active !== undefined && changes.active !== null) s.active = changes.active;
    await checkStaff(manager, s);
    await checkOneOfficerPerTownship(manager, s);
    await manager.save(StaffEntity, s).catch(officerIndexViolation);
    await emit('people.staff.updated', staffPayload(s), { key: s.id });
    noteAuditChanges(
      auditChanges(before, s as unknown as Record<string, unknown>, [
        'name',
        'roles',
        'divisionCode',
        'phone',
        'active',
      ]),
    );
    return s;
  });
}
