export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadMetricsConfig, configSchema, type MetricsConfig } from './config';
export { settingsFrom, type ProjectionSettings } from './projection/settings';
export { sweepWarnings } from './schedules/warning-sweep';
export { rebuildReadModels, recomputeReadModels, replayJetStream, type RebuildResult } from './projection/rebuild';
