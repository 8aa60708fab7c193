export { createService, SERVICE_NAME, DB_SCHEMA } from './create-service';
export { loadTasksConfig, configSchema, type TasksConfig } from './config';
