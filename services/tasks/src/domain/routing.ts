import { townshipOf, villageOf } from '@zhiyuan/kernel';

/** Where a case's local work goes: its village, else its township. */
export interface CaseRoute {
  villageCode: string | null;
  townshipCode: string | null;
}

/** The case events whose village work waits when nobody knows the obligor's home yet. */
export type DeferrableSubject = 'cases.urging.started' | 'cases.enforcement.filed';

/** Whether a routing names a place at all. */
export const isKnownRoute = (r: CaseRoute | null | undefined): r is CaseRoute =>
  !!r && (!!r.villageCode || !!r.townshipCode);

/** Deferred work is carried out in the case's own order: urging before filing. */
export function inCaseOrder<W extends { subject: DeferrableSubject }>(work: W[]): W[] {
  const order: DeferrableSubject[] = ['cases.urging.started', 'cases.enforcement.filed'];
  return [...work].sort((a, b) => order.indexOf(a.subject) - order.indexOf(b.subject));
}

/** The division and staff role that take a party's automatic tasks when the party moves home. */
export interface TaskHome {
  level: 'VILLAGE' | 'TOWNSHIP';
  code: string;
  role: 'VILLAGE_SECRETARY' | 'TOWNSHIP_LIAISON';
}

export function taskHomeOf(route: CaseRoute): TaskHome | null {
  if (route.villageCode) return { level: 'VILLAGE', code: route.villageCode, role: 'VILLAGE_SECRETARY' };
  if (route.townshipCode) return { level: 'TOWNSHIP', code: route.townshipCode, role: 'TOWNSHIP_LIAISON' };
  return null;
}

/** The village and township an old home division code stood for (a task there follows the party). */
export function formerHome(oldHome: string): { village: string | null; township: string | null } {
  return { village: villageOf(oldHome), township: townshipOf(oldHome) };
}

/** A village secretary or township liaison of their own division takes its unassigned automatic tasks. */
export function takesUnassignedTasks(s: { roles: string[]; divisionCode: string | null }): boolean {
  if (!s.divisionCode) return false;
  return (
    (s.roles.includes('VILLAGE_SECRETARY') && s.divisionCode.length === 12) ||
    (s.roles.includes('TOWNSHIP_LIAISON') && s.divisionCode.length === 9)
  );
}
