import { demoId } from '@zhiyuan/auth';
import { sqlExec, sqlRow } from '@zhiyuan/db';
import { commandAuditPayload, type ServiceRuntime } from '@zhiyuan/server';
import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { insertParty } from './commands/shared/parties';
import { insertStaff, type StaffInput } from './commands/shared/staff';
import { PartyEntity } from './entities';

export const COUNTY = { code: '330522', name: '长兴县' };

/** 16 townships and streets; 虹星桥镇 and 和平镇 are named in the report, the others are illustrative. */
export const TOWNSHIPS: { code: string; name: string; villages?: string[] }[] = [
  { code: '330522001', name: '雉城街道' },
  { code: '330522002', name: '太湖街道' },
  { code: '330522003', name: '龙山街道' },
  { code: '330522004', name: '画溪街道' },
  { code: '330522101', name: '洪桥镇' },
  { code: '330522102', name: '李家巷镇' },
  { code: '330522103', name: '夹浦镇' },
  { code: '330522104', name: '虹星桥镇', villages: ['港口村', '白水村'] },
  { code: '330522105', name: '林城镇' },
  { code: '330522106', name: '和平镇', villages: ['方家庄村'] },
  { code: '330522107', name: '小浦镇' },
  { code: '330522108', name: '煤山镇' },
  { code: '330522109', name: '泗安镇' },
  { code: '330522201', name: '吕山乡' },
  { code: '330522202', name: '水口乡' },
  { code: '330522203', name: '白岘乡' },
];

const VILLAGES_PER_TOWNSHIP = 17; // 16 × 17 = 272, the report's count
const STEMS = [
  '东山',
  '西塘',
  '南湾',
  '北港',
  '新联',
  '红旗',
  '长岭',
  '青山',
  '石桥',
  '竹园',
  '杨家',
  '高庄',
  '前进',
  '光明',
  '和睦',
  '金山',
  '仙山',
  '溪口',
  '上庄',
];

/** The demo division tree: county, 16 townships, 272 villages with 12-digit codes. */
export function demoDivisions(): { code: string; name: string; level: string; parentCode: string | null }[] {
  const rows: { code: string; name: string; level: string; parentCode: string | null }[] = [
    { ...COUNTY, level: 'COUNTY', parentCode: null },
  ];
  for (const t of TOWNSHIPS) {
    rows.push({ code: t.code, name: t.name, level: 'TOWNSHIP', parentCode: COUNTY.code });
    const street = t.name.endsWith('街道');
    const stems = STEMS.filter((s) => !(t.villages ?? []).some((v) => v.startsWith(s)));
    for (let i = 0; i < VILLAGES_PER_TOWNSHIP; i++) {
      const name = t.villages?.[i] ?? `${stems[i - (t.villages?.length ?? 0)]}${street ? '社区' : '村'}`;
      rows.push({ code: `${t.code}${String(201 + i)}`, name, level: 'VILLAGE', parentCode: t.code });
    }
  }
  return rows;
}

/** A stable id per demo account, shared with the development tokens. */
export { demoId };

function phone(n: number): string {
  return `138${String(57000000 + n).padStart(8, '0')}`;
}

/** Demo staff: an admin, judges, a department contact, one officer and one liaison per township, a secretary and a mediation director per village, one account per partner department. */
export function demoStaff(divisions = demoDivisions()): StaffInput[] {
  let n = 0;
  const s = (
    key: string,
    name: string,
    roles: string[],
    divisionCode: string,
    department: string | null = null,
  ): StaffInput => ({
    id: demoId(key),
    name,
    roles,
    divisionCode,
    phone: phone(++n),
    department,
  });
  const staff: StaffInput[] = [
    s('admin', '系统管理员', ['ADMIN'], COUNTY.code),
    s('judge-1', '王法官', ['JUDGE'], COUNTY.code),
    s('judge-2', '李法官', ['JUDGE'], COUNTY.code),
    s('county-department', '县司法局联络员', ['COUNTY_DEPARTMENT'], COUNTY.code),
  ];
  for (const d of divisions) {
    if (d.level === 'TOWNSHIP') {
      staff.push(s(`officer-${d.code}`, `${d.name}执行员`, ['ENFORCEMENT_OFFICER'], d.code));
      staff.push(s(`liaison-${d.code}`, `${d.name}执行联络专员`, ['TOWNSHIP_LIAISON'], d.code));
    } else if (d.level === 'VILLAGE') {
      staff.push(s(`secretary-${d.code}`, `${d.name}书记`, ['VILLAGE_CADRE', 'VILLAGE_SECRETARY'], d.code));
      staff.push(s(`mediator-${d.code}`, `${d.name}调解主任`, ['VILLAGE_CADRE', 'MEDIATION_DIRECTOR'], d.code));
    }
  }
  for (const dept of PARTNER_DEPARTMENTS)
    staff.push(s(`partner-${dept}`, `联动部门 ${dept}`, ['PARTNER'], COUNTY.code, dept));
  return staff;
}

/**
 * The demo party the development `party` token is bound to (demoId('party')): 陈建国 of 港口村, the
 * first person of the stack's demo cases (the same ID number, so its registration there finds this
 * record), obligor in one demo case and obligee in another.
 */
export const DEMO_PARTY = {
  id: demoId('party'),
  name: '陈建国',
  idNumber: '330522196001103001',
  birthDate: '1960-01-10',
  gender: 'MALE' as const,
  phone: '13900001000',
  homeDivisionCode: '330522104201',
};

/**
 * Loads the demo county on first start (nothing when divisions exist). Staff go through the same
 * code path as registerStaff, so people.staff.registered is emitted for each and the other services
 * build their projections from it; so is the demo party (people.party.registered). One transaction: a crash leaves nothing half-seeded.
 */
/**
 * Loads the demo county when no division exists yet, with an audit entry (who ran it, what it
 * loaded) in the same transaction. `actor` names who: the operating-system user of the seed command,
 * `system:start` when the service seeds itself on first start.
 */
export async function seedDemoData(
  { messaging, logger }: ServiceRuntime,
  opts: { actor?: string } = {},
): Promise<void> {
  const divisions = demoDivisions();
  const seeded = await messaging.transaction(async (manager, emit) => {
    await sqlExec(manager, `LOCK TABLE people.division IN SHARE ROW EXCLUSIVE MODE`);
    const { n } = (await sqlRow<{ n: number }>(manager, `SELECT count(*)::int AS n FROM people.division`))!;
    if (n > 0) return false;
    await sqlExec(
      manager,
      `INSERT INTO people.division (code, name, level, parent_code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        divisions.map((d) => d.code),
        divisions.map((d) => d.name),
        divisions.map((d) => d.level),
        divisions.map((d) => d.parentCode),
      ],
    );
    const staff = demoStaff(divisions);
    await insertStaff(manager, emit, staff);
    const now = new Date();
    await insertParty(
      manager,
      emit,
      manager.create(PartyEntity, {
        ...DEMO_PARTY,
        kind: 'PERSON',
        address: null,
        legalRepresentative: null,
        disability: false,
        seriousIllness: false,
        lowIncome: false,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const actor = opts.actor ?? 'system:start';
    await emit(
      'audit.entry.recorded',
      commandAuditPayload({
        actor,
        service: messaging.producer,
        operation: 'seed:demo-county',
        targetKind: 'DIVISION',
        targetId: COUNTY.code,
        detail: {
          divisions: divisions.length,
          townships: divisions.filter((d) => d.level === 'TOWNSHIP').length,
          villages: divisions.filter((d) => d.level === 'VILLAGE').length,
          staff: staff.length,
          parties: 1,
        },
      }),
      { key: actor },
    );
    return true;
  });
  if (seeded) logger.info({ divisions: divisions.length }, 'demo county loaded');
}
