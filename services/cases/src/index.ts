export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadCasesConfig, configSchema, type CasesConfig } from './config';
