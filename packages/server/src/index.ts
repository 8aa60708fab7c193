export { startSubgraphServer, maskError, type SubgraphServerOptions, type RunningServer } from './server';
export { DomainError, errors, type ErrorCode } from '@zhiyuan/kernel';
export {
  pageArgs,
  toConnection,
  encodeCursor,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type PageArgs,
  type Connection,
} from '@zhiyuan/kernel';
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
export { requireRole, canSeeDivision, requireDivision, maskIdNumber, maskPhone } from '@zhiyuan/kernel';
export { recordAudit, auditMutationsPlugin, targetOfArgs, REPLAY_CODE, type AuditTarget } from './audit';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN, subgraphRequestHash } from './idempotency';
export { applyCourtCalendar } from './court-calendar';
