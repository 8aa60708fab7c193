import { sqlRow } from '@zhiyuan/db';
import { townshipOf } from '@zhiyuan/kernel';
import type { EntityManager } from 'typeorm';

export interface Recipient {
  staffId: string | null;
  name: string;
  phone: string | null;
}

interface StaffRow {
  staff_id: string;
  name: string;
  phone: string | null;
}

/** The active holder of a staff role in exactly this division (village secretary, township liaison). */
export async function staffHolding(m: EntityManager, role: string, divisionCode: string): Promise<Recipient | null> {
  const row = await sqlRow<StaffRow>(
    m,
    `SELECT staff_id, name, phone FROM tasks.staff_ref WHERE division_code = $1 AND active AND $2 = ANY(roles) ORDER BY updated_at DESC, staff_id LIMIT 1`,
    [divisionCode, role],
  );
  return row ? { staffId: row.staff_id, name: row.name, phone: row.phone } : null;
}

export async function partyRecipient(m: EntityManager, partyId: string): Promise<Recipient | null> {
  const row = await sqlRow<{ name: string; phone: string | null }>(
    m,
    `SELECT name, phone FROM tasks.party_ref WHERE party_id = $1`,
    [partyId],
  );
  return row ? { staffId: null, name: row.name, phone: row.phone } : null;
}

export async function staffRecipient(m: EntityManager, staffId: string): Promise<Recipient | null> {
  const row = await sqlRow<StaffRow>(
    m,
    `SELECT staff_id, name, phone FROM tasks.staff_ref WHERE staff_id = $1 AND active`,
    [staffId],
  );
  return row ? { staffId: row.staff_id, name: row.name, phone: row.phone } : null;
}

/**
 * The township a case event is about and the officer to tell: the case's own officer, else the
 * township's enforcement officer. Null when the event names no division.
 */
export async function caseOfficer(
  m: EntityManager,
  p: { officerId?: string | null; townshipCode?: string | null; villageCode?: string | null },
): Promise<{ township: string; officer: Recipient | null } | null> {
  const township = p.townshipCode ?? townshipOf(p.villageCode);
  if (!township) return null;
  const officer = p.officerId
    ? await staffRecipient(m, p.officerId)
    : await staffHolding(m, 'ENFORCEMENT_OFFICER', township);
  return { township, officer };
}
