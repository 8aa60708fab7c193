import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Emit } from '@zhiyuan/db';
import type { EventPayload } from '@zhiyuan/events';
import { errors } from '@zhiyuan/server';
import { DivisionEntity, StaffEntity } from '../entities';

export const STAFF_ROLES = [
  'ADMIN',
  'JUDGE',
  'ENFORCEMENT_OFFICER',
  'TOWNSHIP_LIAISON',
  'VILLAGE_CADRE',
  'VILLAGE_SECRETARY',
  'MEDIATION_DIRECTOR',
  'COUNTY_DEPARTMENT',
  'PARTNER',
] as const;

export interface StaffInput {
  id?: string;
  name: string;
  roles: string[];
  divisionCode?: string | null;
  phone?: string | null;
  department?: string | null;
}

export interface StaffChanges {
  name?: string | null;
  roles?: string[] | null;
  divisionCode?: string | null;
  phone?: string | null;
  active?: boolean | null;
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

/** Role and division must fit together: township roles sit on a township, village cadres on a village, a partner names its department. */
async function checkStaff(manager: EntityManager, s: Pick<StaffEntity, 'roles' | 'divisionCode' | 'department'>, divisions?: Map<string, DivisionEntity>): Promise<void> {
  const unknown = s.roles.find((r) => !(STAFF_ROLES as readonly string[]).includes(r));
  if (unknown) throw errors.validation('roles', `Unknown role ${unknown}`);
  if (s.roles.length === 0) throw errors.validation('roles', 'A staff account needs at least one role');
  let level: string | null = null;
  if (s.divisionCode) {
    const d = divisions?.get(s.divisionCode) ?? (await manager.findOneBy(DivisionEntity, { code: s.divisionCode }));
    if (!d) throw errors.validation('divisionCode', `There is no division ${s.divisionCode}`);
    level = d.level;
  }
  const needs = (roles: string[], want: string, what: string) => {
    if (s.roles.some((r) => roles.includes(r)) && level !== want) throw errors.validation('divisionCode', `${what} needs a ${want.toLowerCase()} division`);
  };
  needs(['ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON'], 'TOWNSHIP', 'An enforcement officer or township liaison');
  needs(['VILLAGE_CADRE', 'VILLAGE_SECRETARY', 'MEDIATION_DIRECTOR'], 'VILLAGE', 'A village cadre');
  if (s.roles.includes('PARTNER') && !s.department) throw errors.validation('department', 'A partner account names its department');
}

async function checkOneOfficerPerTownship(manager: EntityManager, s: StaffEntity): Promise<void> {
  if (!s.active || !s.roles.includes('ENFORCEMENT_OFFICER') || !s.divisionCode) return;
  const other: { id: string }[] = await manager.query(
    `SELECT id FROM people.staff WHERE active AND 'ENFORCEMENT_OFFICER' = ANY (roles) AND division_code = $1 AND id <> $2 LIMIT 1`,
    [s.divisionCode, s.id],
  );
  if (other.length > 0) throw errors.rule('ONE_OFFICER_PER_TOWNSHIP', `Township ${s.divisionCode} already has its fixed enforcement officer; deactivate or move that officer first`);
}

/** Registers staff accounts (one or many, as the seed does) and emits people.staff.registered for each. */
export async function registerStaff(manager: EntityManager, emit: Emit, inputs: StaffInput[], now = new Date()): Promise<StaffEntity[]> {
  const codes = [...new Set(inputs.map((i) => i.divisionCode).filter((c): c is string => !!c))];
  const divisions = new Map((codes.length ? await manager.query(`SELECT code, level FROM people.division WHERE code = ANY($1)`, [codes]) : []).map((d: DivisionEntity) => [d.code, d]));
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
    await checkStaff(manager, s, divisions as Map<string, DivisionEntity>);
    if (s.roles.includes('ENFORCEMENT_OFFICER') && s.divisionCode) {
      if (officerTownships.has(s.divisionCode)) throw errors.rule('ONE_OFFICER_PER_TOWNSHIP', `Township ${s.divisionCode} gets two fixed enforcement officers`);
      officerTownships.add(s.divisionCode);
      if (inputs.length === 1) await checkOneOfficerPerTownship(manager, s);
    }
    rows.push(s);
  }
  if (rows.length > 0) await manager.createQueryBuilder().insert().into(StaffEntity).values(rows).execute().catch(officerIndexViolation);
  for (const s of rows) await emit('people.staff.registered', staffPayload(s), { key: s.id, occurredAt: now });
  return rows;
}

export async function updateStaff(manager: EntityManager, emit: Emit, id: string, changes: StaffChanges): Promise<StaffEntity> {
  const s = await manager.findOne(StaffEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!s) throw errors.notFound('Staff', id);
  if (changes.name) s.name = changes.name;
  if (changes.roles) s.roles = [...new Set(changes.roles)];
  if (changes.divisionCode !== undefined && changes.divisionCode !== null) s.divisionCode = changes.divisionCode;
  if (changes.phone !== undefined && changes.phone !== null) s.phone = changes.phone;
  if (changes.active !== undefined && changes.active !== null) s.active = changes.active;
  await checkStaff(manager, s);
  await checkOneOfficerPerTownship(manager, s);
  await manager.save(StaffEntity, s).catch(officerIndexViolation);
  await emit('people.staff.updated', staffPayload(s), { key: s.id });
  return s;
}

function officerIndexViolation(err: unknown): never {
  if ((err as { code?: string; constraint?: string }).code === '23505' && String((err as { constraint?: string }).constraint).includes('one_officer')) {
    throw errors.rule('ONE_OFFICER_PER_TOWNSHIP', 'A township has exactly one fixed enforcement officer');
  }
  throw err;
}
