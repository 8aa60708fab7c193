export { startSubgraphServer, maskError, type SubgraphServerOptions, type RunningServer } from './server';
export { DomainError, errors, type ErrorCode } from './errors';
export { pageArgs, toConnection, encodeCursor, decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgs, type Connection } from './pagination';
export { loaderByKey, listLoaderByKey } from './loaders';
export { parseInput } from './validation';
export { defineService, type BaseServiceConfig, type ServiceRuntime, type SubgraphDefinition, type ServiceDeps, type Service } from './service';
export { requireRole, canSeeDivision, requireDivision, maskIdNumber, maskPhone } from './access';
export { recordAudit, auditMutationsPlugin, type AuditTarget } from './audit';
