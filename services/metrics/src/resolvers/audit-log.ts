/** The model of the AuditEntry type, named here by codegen.ts's mappers; defined with its read path. */
export type { AuditEntryModel } from '../queries/audit-log';
