export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadCasesConfig, configSchema, settingsFrom, type CasesConfig, type CaseSettings } from './config';
export { runSweep } from './schedules/sweeps';
export { importJudgmentsFile, type ImportSummary } from './import/importer';
