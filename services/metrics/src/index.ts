export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadMetricsConfig, configSchema, type MetricsConfig } from './config';
