export { createDataSource, initializeDataSource, type ServiceDataSourceOptions } from './data-source';
export { sqlRows, sqlRow, sqlExec, type SqlRunner } from './sql';
export { createMessagingTables, dropMessagingTables } from './messaging-tables';
export { OutboxBuffer, pruneOutbox, writeOutboxBatch, type Emit, type EmitOptions } from './outbox';
export { OutboxRelay, type RelayOptions } from './relay';
export {
  Messaging,
  batchLineOf,
  defineHandler,
  type HandlerDefinition,
  type EventWork,
  type ConsumerOptions,
} from './messaging';
export { BatchQueue } from './batch-queue';
export { PendingFinishes, type TransactionScope } from './transaction-scope';
export {
  requestScope,
  outsideRequestScope,
  noteAuditChanges,
  type RequestScope,
  type MutationFieldScope,
  type AuditChange,
} from './request-scope';
export {
  createIdempotencyTable,
  dropIdempotencyTable,
  claimIdempotencyKey,
  storeIdempotentResult,
  pruneIdempotencyKeys,
  IDEMPOTENCY_KEY_TTL_HOURS,
  type KeyClaim,
  type ClaimOutcome,
} from './idempotency';
