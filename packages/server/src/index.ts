export { startSubgraphServer, maskError, type SubgraphServerOptions, type RunningServer } from './server';
export { loaderByKey, listLoaderByKey } from './loaders';
export { parseInput } from './validation';
export {
  defineService,
  type BaseServiceConfig,
  type ServiceRuntime,
  type SubgraphDefinition,
  type ServiceDeps,
  type Service,
} from './service';
export { recordAudit, auditMutationsPlugin, targetOfArgs, REPLAY_CODE, type AuditTarget } from './audit';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, subgraphRequestHash } from './idempotency';
export { applyCourtCalendar } from './court-calendar';
export { servedByGateway } from './subscriptions';
