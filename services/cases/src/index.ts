export { createService, SERVICE_NAME, DB_SCHEMA, type CasesDeps } from './create-service';
export { loadCasesConfig, configSchema, settingsFrom, type CasesConfig, type CaseSettings } from './config';
export { runSweep } from './schedules/sweeps';
export { sweepAbandonedAttachments } from './schedules/abandoned-attachments';
export { importJudgmentsFile, type ImportSummary } from './import/importer';
