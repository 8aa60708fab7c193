export {
  startSubgraphServer,
  maskError,
  type SubgraphServerOptions,
  type RunningServer,
  type RequestInfo,
} from './server';
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
export { auditExportsPlugin } from './export-audit';
export {
  recordAudit,
  auditMutationsPlugin,
  commandAuditPayload,
  targetOfArgs,
  REPLAY_CODE,
  type AuditTarget,
} from './audit';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, subgraphRequestHash } from './idempotency';
export { applyCourtCalendar } from './court-calendar';
export { servedByGateway } from './subscriptions';
