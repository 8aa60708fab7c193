/** Entities owned elsewhere, as this subgraph holds them: their key only. */
export interface CaseRef {
  id: string;
}
export interface PartyRef {
  id: string;
}
export interface DivisionRef {
  code: string;
}
export interface StaffRef {
  id: string;
}
