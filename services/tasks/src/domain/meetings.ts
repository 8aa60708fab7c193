import { errors, townshipOf } from '@zhiyuan/kernel';
import type { MeetingEntity, MeetingInviteeEntity, MeetingOutcome } from '../entities';

export function meetingFigures(invitees: MeetingInviteeEntity[]) {
  return {
    invited: new Set(invitees.map((i) => i.partyId)).size,
    attended: new Set(invitees.filter((i) => i.attended).map((i) => i.partyId)).size,
    paidInFull: invitees.filter((i) => i.outcome === 'PAID_IN_FULL').length,
    instalmentPlans: invitees.filter((i) => i.outcome === 'INSTALMENT_AGREED').length,
    amountPaidFen: invitees.reduce((s, i) => s + (i.outcome === 'PAID_IN_FULL' ? (i.amountFen ?? 0) : 0), 0),
  };
}

export interface ScheduleMeeting {
  villageCode: string;
  title: string;
  venue: string;
  scheduledAt: Date;
}

/** The township a meeting in a village counts for. */
export function meetingTownship(villageCode: string): string | null {
  return townshipOf(villageCode);
}

export interface OutcomeInput {
  meetingId: string;
  partyId: string;
  caseId: string;
  outcome: MeetingOutcome;
  amountFen?: number | null;
  instalments?: { dueDate: string; amountFen: number }[] | null;
  note?: string | null;
}

/** What an outcome records of an invitee: attendance follows from it, an amount or instalments only where the outcome has them. */
export function outcomeRecord(input: OutcomeInput) {
  return {
    attended: input.outcome !== 'ABSENT',
    amountFen: input.outcome === 'PAID_IN_FULL' ? input.amountFen : null,
    instalments: input.outcome === 'INSTALMENT_AGREED' ? (input.instalments ?? null) : null,
  };
}

/** Only a scheduled meeting records outcomes, closes or is cancelled. */
export function requireScheduled(meeting: MeetingEntity, to: string): void {
  if (meeting.status !== 'SCHEDULED') throw errors.invalidTransition(meeting.status, to, 'meeting');
}
