import { hasRole } from '@zhiyuan/auth';
import { PARTNER_DEPARTMENTS } from '@zhiyuan/events';
import { canSeeDivision, errors, maskIdNumber, pageArgs, toConnection } from '@zhiyuan/server';
import type { PartnerDepartment, QueryResolvers } from '../generated/resolvers-types';
import { canSeeListing, isCaseStaff, requireReadParty, requireSignedIn, requireStaff } from '../access';
import type { Context } from '../context';
import { workingDaysBefore } from '../domain/calendar';
import { checkCreditCode, parseResidentId } from '../domain/identity-numbers';
import { CreditLinkChangeEntity, DishonestListingEntity, DivisionEntity, PartyEntity, StaffEntity, type ExposureBoardRow } from '../entities';
import { isUuid } from '../loaders';
import { levelOf } from '../model/routing';

/** An id argument must be a uuid (every id column here is one): otherwise VALIDATION_FAILED naming it, before any statement. */
function requireId(field: string, value: string): string {
  if (!isUuid(value)) throw errors.validation(field, `${field}: must be an id`);
  return value;
}

/** A judge lists only the parties of the cases they judge (division staff and admins are scoped by division). */
function judgeOnly(ctx: Context): boolean {
  return hasRole(ctx.identity, 'JUDGE') && !hasRole(ctx.identity, 'ADMIN', 'ENFORCEMENT_OFFICER', 'TOWNSHIP_LIAISON', 'VILLAGE_CADRE');
}

/**
 * The division prefix a list is limited to: none for county-wide roles, the caller's own division
 * for township and village staff; a requested division outside it is refused.
 */
function listScope(ctx: Context, requested: string | null | undefined): string | null {
  requireStaff(ctx.identity);
  if (!isCaseStaff(ctx.identity)) throw errors.forbidden('Only court and division staff can list parties and listings');
  if (requested) {
    if (!canSeeDivision(ctx.identity, requested)) throw errors.forbidden('This division is outside your scope');
    return requested;
  }
  if (hasRole(ctx.identity, 'ADMIN', 'JUDGE')) return null;
  if (!ctx.identity.divisionCode || hasRole(ctx.identity, 'COUNTY_DEPARTMENT')) throw errors.forbidden('This list needs a division in your scope');
  return ctx.identity.divisionCode;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function requirePartnerDepartment(ctx: Context, department: string | null | undefined): string | null {
  requireSignedIn(ctx.identity);
  if (hasRole(ctx.identity, 'ADMIN', 'JUDGE')) return department ?? null;
  if (!hasRole(ctx.identity, 'PARTNER') || !ctx.identity.department) throw errors.forbidden('Only a partner department account or the court can see credit links');
  if (department && department !== ctx.identity.department) throw errors.forbidden('A partner sees its own department only');
  return ctx.identity.department;
}

export const Query: QueryResolvers = {
  division: (_p, { code }, { identity, loaders }) => {
    requireSignedIn(identity);
    return loaders.division.load(code);
  },

  divisions: async (_p, { search, level, first, after }, { identity, runtime }) => {
    requireSignedIn(identity);
    const page = pageArgs({ first, after });
    const q = runtime.ds.getRepository(DivisionEntity).createQueryBuilder('d').orderBy('d.code').limit(page.limit + 1);
    if (search?.trim()) q.andWhere(`d.name LIKE :s`, { s: `%${likeEscape(search.trim())}%` });
    if (level) q.andWhere('d.level = :level', { level });
    if (page.after) q.andWhere('d.code > :after', { after: String(page.after[0]) });
    return toConnection(await q.getMany(), page.limit, (d) => [d.code]);
  },

  enforcementOfficerOf: async (_p, { townshipCode }, { identity, runtime }) => {
    requireSignedIn(identity);
    if (!/^\d{9}$/.test(townshipCode)) throw errors.validation('townshipCode', 'A township code has 9 digits');
    return runtime.ds
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .where(`s.division_code = :c AND s.active AND 'ENFORCEMENT_OFFICER' = ANY (s.roles)`, { c: townshipCode })
      .getOne();
  },

  party: async (_p, args, { identity, loaders }) => {
    requireSignedIn(identity);
    const id = requireId('id', args.id);
    const party = await loaders.party.load(id);
    if (party) await requireReadParty(identity, party, loaders);
    return party;
  },

  partyByIdNumber: async (_p, { idNumber }, { identity, runtime, loaders }) => {
    requireStaff(identity);
    const number = idNumber.trim().toUpperCase();
    if (!parseResidentId(number).ok && !checkCreditCode(number).ok) throw errors.validation('idNumber', 'Not a valid resident ID number or unified social credit code');
    const party = await runtime.ds.getRepository(PartyEntity).findOneBy({ idNumber: number });
    if (party) await requireReadParty(identity, party, loaders);
    return party;
  },

  parties: async (_p, { divisionCode, search, first, after }, ctx) => {
    const scope = listScope(ctx, divisionCode);
    const page = pageArgs({ first, after });
    const q = ctx.runtime.ds.getRepository(PartyEntity).createQueryBuilder('p').orderBy('p.created_at').addOrderBy('p.id').limit(page.limit + 1);
    if (scope) q.andWhere('p.home_division_code LIKE :scope', { scope: `${scope}%` });
    if (judgeOnly(ctx)) {
      const judge = ctx.identity.sub.toLowerCase();
      if (!isUuid(judge)) q.andWhere('FALSE');
      else q.andWhere('p.id IN (SELECT unnest(c.obligor_ids || c.obligee_ids) FROM people.case_projection c WHERE c.judge_id = :judge)', { judge });
    }
    if (search?.trim()) q.andWhere('p.name LIKE :s', { s: `%${likeEscape(search.trim())}%` });
    if (page.after) q.andWhere('(p.created_at, p.id) > (:at, :id)', { at: page.after[0], id: page.after[1] });
    return toConnection(await q.getMany(), page.limit, (p) => [p.createdAt.toISOString(), p.id]);
  },

  staff: (_p, { id }, { identity, loaders }) => {
    requireSignedIn(identity);
    return loaders.staff.load(requireId('id', id));
  },

  staffMembers: async (_p, { divisionCode, role, first, after }, { identity, runtime }) => {
    requireStaff(identity);
    const page = pageArgs({ first, after });
    const q = runtime.ds.getRepository(StaffEntity).createQueryBuilder('s').where('s.active').orderBy('s.created_at').addOrderBy('s.id').limit(page.limit + 1);
    if (divisionCode) q.andWhere('s.division_code LIKE :c', { c: `${divisionCode}%` });
    if (role) q.andWhere(':role = ANY (s.roles)', { role });
    if (page.after) q.andWhere('(s.created_at, s.id) > (:at, :id)', { at: page.after[0], id: page.after[1] });
    return toConnection(await q.getMany(), page.limit, (s) => [s.createdAt.toISOString(), s.id]);
  },

  listing: async (_p, { id }, { identity, loaders }) => {
    requireSignedIn(identity);
    const l = await loaders.listing.load(requireId('id', id));
    if (!l) return null;
    if (!canSeeListing(identity, l)) throw errors.forbidden('This listing is outside your scope');
    return l;
  },

  listings: async (_p, { status, divisionCode, first, after }, ctx) => {
    const scope = listScope(ctx, divisionCode);
    const page = pageArgs({ first, after });
    const q = ctx.runtime.ds.getRepository(DishonestListingEntity).createQueryBuilder('l').orderBy('l.listed_at', 'DESC').addOrderBy('l.id', 'DESC').limit(page.limit + 1);
    if (status) q.andWhere('l.status = :status', { status });
    if (scope) q.andWhere('coalesce(l.village_code, l.township_code) LIKE :scope', { scope: `${scope}%` });
    if (page.after) q.andWhere('(l.listed_at, l.id) < (:at, :id)', { at: page.after[0], id: page.after[1] });
    return toConnection(await q.getMany(), page.limit, (l) => [l.listedAt.toISOString(), l.id]);
  },

  // Public: anonymous callers may read it. One statement whatever the page size.
  exposureBoard: async (_p, { divisionCode, first, after }, { loaders, runtime }) => {
    const division = await loaders.division.load(divisionCode);
    if (!division) throw errors.notFound('Division', divisionCode);
    const page = pageArgs({ first, after }, 200);
    const level = levelOf(division.code);
    const where = level === 'VILLAGE' ? 'l.village_code = $1' : level === 'TOWNSHIP' ? 'l.township_code = $1' : 'coalesce(l.village_code, l.township_code) LIKE $1 || \'%\'';
    const params: unknown[] = [division.code, page.limit + 1];
    let cursor = '';
    if (page.after) {
      params.push(page.after[0], page.after[1]);
      cursor = 'AND (l.listed_at, l.id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: {
      listing_id: string; name: string; gender: 'MALE' | 'FEMALE' | null; birth_date: string | null; id_number: string;
      amount_owed_fen: string | null; outstanding_fen: string | null; ground: string; case_number: string | null; court: string | null; listed_at: Date;
    }[] = await runtime.ds.query(
      `SELECT l.id AS listing_id, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.id_number,
              c.amount_owed_fen, c.outstanding_fen, l.ground, c.case_number, c.court, l.listed_at
       FROM people.dishonest_listing l
       JOIN people.party p ON p.id = l.party_id
       LEFT JOIN people.case_projection c ON c.case_id = l.case_id
       WHERE l.status = 'ACTIVE' AND ${where} ${cursor}
       ORDER BY l.listed_at DESC, l.id DESC LIMIT $2`,
      params,
    );
    // The full number is masked here, before the row leaves this function; address and phone are never selected.
    const entries: ExposureBoardRow[] = rows.map((r) => ({
      listingId: r.listing_id,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      idNumberMasked: maskIdNumber(r.id_number),
      amountOwedFen: r.amount_owed_fen === null ? null : Number(r.amount_owed_fen),
      outstandingFen: r.outstanding_fen === null ? null : Number(r.outstanding_fen),
      ground: r.ground,
      caseNumber: r.case_number,
      court: r.court,
      listedAt: new Date(r.listed_at),
    }));
    const conn = toConnection(entries, page.limit, (e) => [e.listedAt.toISOString(), e.listingId]);
    return { divisionCode: division.code, divisionName: division.name, level: division.level, ...conn };
  },

  partnerCreditStatus: async (_p, { idNumber, department }, ctx) => {
    const dept = requirePartnerDepartment(ctx, department);
    if (!dept) throw errors.validation('department', 'Name the partner department');
    const number = idNumber.trim().toUpperCase();
    if (!parseResidentId(number).ok && !checkCreditCode(number).ok) throw errors.validation('idNumber', 'Not a valid resident ID number or unified social credit code');
    const party = await ctx.runtime.ds.getRepository(PartyEntity).findOneBy({ idNumber: number });
    if (!party) throw errors.notFound('Party with ID number', maskIdNumber(number));
    const link = (await ctx.loaders.linksOfParty.load(party.id)).find((l) => l.department === dept);
    return { department: dept as PartnerDepartment, status: link?.status ?? 'CLEAR', name: party.name, idNumberMasked: maskIdNumber(party.idNumber), changedAt: link?.changedAt ?? null };
  },

  unacknowledgedCreditChanges: async (_p, { department, olderThanWorkingDays, first, after }, ctx) => {
    const dept = requirePartnerDepartment(ctx, department);
    if (dept && !(PARTNER_DEPARTMENTS as readonly string[]).includes(dept)) throw errors.validation('department', 'Unknown partner department');
    if (olderThanWorkingDays !== null && olderThanWorkingDays !== undefined && (olderThanWorkingDays < 0 || olderThanWorkingDays > 365)) {
      throw errors.validation('olderThanWorkingDays', 'olderThanWorkingDays is between 0 and 365');
    }
    const page = pageArgs({ first, after });
    const q = ctx.runtime.ds
      .getRepository(CreditLinkChangeEntity)
      .createQueryBuilder('c')
      .where('c.acknowledged_at IS NULL')
      .orderBy('c.changed_at')
      .addOrderBy('c.id')
      .limit(page.limit + 1);
    if (dept) q.andWhere('c.department = :dept', { dept });
    if (olderThanWorkingDays) q.andWhere('c.changed_at < :cutoff', { cutoff: workingDaysBefore(new Date(), olderThanWorkingDays) });
    if (page.after) q.andWhere('(c.changed_at, c.id) > (:at, :id)', { at: page.after[0], id: page.after[1] });
    return toConnection(await q.getMany(), page.limit, (c) => [c.changedAt.toISOString(), c.id]);
  },
};
