import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlRows, type Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { errors } from '@zhiyuan/kernel';
import { checkRolesFitDivision, checkStaffRoles } from '../../domain/staff-rules';
import { DivisionEntity, StaffEntity } from '../../entities';

export interface StaffInput {
  id?: string;
  name: string;
  roles: string[];
  divisionCode?: string | null;
  phone?: string | null;
  department?: string | null;
}

export function staffPayload(s: StaffEntity): EventPayload<'people.staff.registered'> {
  return {
    staffId: s.id,
    name: s.name,
    roles: s.roles,
    divisionCode: s.divisionCode,
    phone: s.phone,
    department: (s.department as EventPayload<'people.staff.registered'>['department']) ?? null,
    active: s.active,
  };
}

type DivisionLevelRow = Pick<DivisionEntity, 'code' | 'level'>;

/** Role and division must fit together (domain/staff-rules); the division must exist. */
export async function checkStaff(
  manager: EntityManager,
  s: Pick<StaffEntity, 'roles' | 'divisionCode' | 'department'>,
  divisions?: Map<string, DivisionLevelRow>,
): Promise<void> {
  checkStaffRoles(s.roles);
  let level: string | null = null;
  if (s.divisionCode) {
    const d = divisions?.get(s.divisionCode) ?? (await manager.findOneBy(DivisionEntity, { code: s.divisionCode }));
    if (!d) throw errors.validation('divisionCode', `There is no division ${s.divisionCode}`);
    level = d.level;
  }
  checkRolesFitDivision(s, level);
}

export async function checkOneOfficerPerTownship(manager: EntityManager, s: StaffEntity): Promise<void> {
  if (!s.active || !s.roles.includes('ENFORCEMENT_OFFICER') || !s.divisionCode) return;
  const other = await sqlRows<{ id: string }>(
    manager,
    `SELECT id FROM people.staff WHERE active AND 'ENFORCEMENT_OFFICER' = ANY (roles) AND division_code = $1 AND id <> $2 LIMIT 1`,
    [s.divisionCode, s.id],
  );
  if (other.length > 0)
    throw errors.rule(
      'ONE_OFFICER_PER_TOWNSHIP',
      `Township ${s.divisionCode} already has its fixed enforcement officer; deactivate or move that officer first`,
    );
}

/** Registers staff accounts (one or many, as the seed does) and emits people.staff.registered for each. */
export async function insertStaff(
  manager: EntityManager,
  emit: Emit,
  inputs: StaffInput[],
  now = new Date(),
): Promise<StaffEntity[]> {
  const codes = [...new Set(inputs.map((i) => i.divisionCode).filter((c): c is string => !!c))];
  const levels = codes.length
    ? await sqlRows<DivisionLevelRow>(manager, `SELECT code, level FROM people.division WHERE code = ANY($1)`, [codes])
    : [];
  const divisions = new Map(levels.map((d) => [d.code, d]));
  const rows: StaffEntity[] = [];
  const officerTownships = new Set<string>();
  for (const input of inputs) {
    const s = manager.create(StaffEntity, {
      id: input.id ?? randomUUID(),
      name: input.name,
      roles: [...new Set(input.roles)],
      divisionCode: input.divisionCode ?? null,
      phone: input.phone ?? null,
      department: input.department ?? null,
      active: true,
      createdAt: now,
    });
    await checkStaff(manager, s, divisions);
    if (s.roles.includes('ENFORCEMENT_OFFICER') && s.divisionCode) {
      if (officerTownships.has(s.divisionCode))
        throw errors.rule('ONE_OFFICER_PER_TOWNSHIP', `Township ${s.divisionCode} gets two fixed enforcement officers`);
      officerTownships.add(s.divisionCode);
      if (inputs.length === 1) await checkOneOfficerPerTownship(manager, s);
    }
    rows.push(s);
  }
  if (rows.length > 0)
    await manager.createQueryBuilder().insert().into(StaffEntity).values(rows).execute().catch(officerIndexViolation);
  for (const s of rows) await emit('people.staff.registered', staffPayload(s), { key: s.id, occurredAt: now });
  return rows;
}

/** The partial unique index keeps one active officer per township even between two concurrent transactions. */
export function officerIndexViolation(err: unknown): never {
  if (
    (err as { code?: string; constraint?: string }).code === '23505' &&
    String((err as { constraint?: string }).constraint).includes('one_officer')
  ) {
    throw errors.rule('ONE_OFFICER_PER_TOWNSHIP', 'A township has exactly one fixed enforcement officer');
  }
  throw err;
}
