import type { Connection } from '@zhiyuan/server';
import type { CaseEntity, PerformanceEntity } from '../entities';

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

export type CaseConnectionModel = Connection<CaseEntity> & { totalCount: number };

export interface PaymentResultModel {
  performance: PerformanceEntity;
  case: CaseEntity;
}

export interface JudgmentImportResultModel {
  imported: number;
  skipped: number;
  rejected: { row: number; field: string; reason: string }[];
  cases: CaseEntity[];
}
