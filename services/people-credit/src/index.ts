export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadPeopleCreditConfig, configSchema, type PeopleCreditConfig } from './config';
