import { maskIdNumber } from '@zhiyuan/kernel';
import type { Context } from '../context';
import type { StaffEntity } from '../entities';
import { requirePartyOfCase } from '../policy';

export type CaseSide = 'OBLIGOR' | 'OBLIGEE';

/** One of the caller's own cases as the party sees it (from people-credit's case projection). */
export interface PartyCaseViewModel {
  partyId: string;
  obligorIds: string[];
  obligeeIds: string[];
  villageCode: string | null;
  townshipCode: string | null;
}

/** Village staff a party may call about its case, then the township's; the first of its roles names it. */
const TEAM_ROLES = [
  'VILLAGE_SECRETARY',
  'MEDIATION_DIRECTOR',
  'VILLAGE_CADRE',
  'ENFORCEMENT_OFFICER',
  'TOWNSHIP_LIAISON',
];

export async function partyCaseView(ctx: Context, caseId: string): Promise<PartyCaseViewModel> {
  const c = await ctx.loaders.caseProjection.load(caseId);
  const partyId = requirePartyOfCase(ctx.identity, c);
  return {
    partyId,
    obligorIds: c!.obligorIds,
    obligeeIds: c!.obligeeIds,
    villageCode: c!.villageCode,
    townshipCode: c!.townshipCode,
  };
}

export function mySides(v: PartyCaseViewModel): CaseSide[] {
  return [
    ...(v.obligorIds.includes(v.partyId) ? (['OBLIGOR'] as const) : []),
    ...(v.obligeeIds.includes(v.partyId) ? (['OBLIGEE'] as const) : []),
  ];
}

/** The other parties of the case: their name and masked ID number, nothing else. */
export async function counterparts(
  ctx: Context,
  v: PartyCaseViewModel,
): Promise<{ side: CaseSide; name: string; idNumberMasked: string }[]> {
  const sides: [string, CaseSide][] = [
    ...v.obligorIds.map((id): [string, CaseSide] => [id, 'OBLIGOR']),
    ...v.obligeeIds.map((id): [string, CaseSide] => [id, 'OBLIGEE']),
  ].filter(([id]) => id !== v.partyId);
  const parties = await ctx.loaders.party.loadMany(sides.map(([id]) => id));
  return sides.flatMap(([, side], i) => {
    const p = parties[i];
    return p && !(p instanceof Error) ? [{ side, name: p.name, idNumberMasked: maskIdNumber(p.idNumber) }] : [];
  });
}

/**
 * Whom the party calls about the case: the cadres of its village and the officer and liaison of its
 * township, with their work phones in full (reaching them is the point).
 */
export async function caseTeam(
  ctx: Context,
  v: PartyCaseViewModel,
): Promise<{ name: string; role: string; phone: string | null; division: string }[]> {
  const codes = [v.villageCode, v.townshipCode].filter((c): c is string => !!c);
  const [staff, divisions] = await Promise.all([
    Promise.all(codes.map((c) => ctx.loaders.staffOfDivision.load(c))),
    Promise.all(codes.map((c) => ctx.loaders.division.load(c))),
  ]);
  return codes.flatMap((_code, i) =>
    staff[i]!.flatMap((s: StaffEntity) => {
      const role = TEAM_ROLES.find((r) => s.roles.includes(r));
      return role ? [{ name: s.name, role, phone: s.phone, division: divisions[i]?.name ?? codes[i]! }] : [];
    }),
  );
}
