/** Entities owned by people-credit, seen here by key only. */
export interface PartyRef {
  id: string;
}
export interface StaffRef {
  id: string;
}
export interface DivisionRef {
  code: string;
}
/** The signed-in party's view, owned by people-credit and keyed by the party. */
export interface MeRef {
  partyId: string;
}

/** A timeline entry with the locale its timeline was asked in (null: the request's). */
export interface TimelineEntryModel {
  entry: import('../entities').TimelineEntryEntity;
  locale: string | null;
}

export type { CaseConnection as CaseConnectionModel } from '../queries/cases';
export type { RecordPaymentResult as PaymentResultModel } from '../commands/record-payment';
export type { ImportJudgmentsResult as JudgmentImportResultModel } from '../commands/import-judgments';
