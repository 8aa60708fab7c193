export { DomainError, errors, type ErrorCode } from './errors';
export {
  pageArgs,
  toConnection,
  encodeCursor,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type PageArgs,
  type Connection,
} from './pagination';
export { requireSignedIn, requireRole, canSeeDivision, requireDivision } from './guards';
export { maskIdNumber, maskPhone, maskForAudit, auditChanges } from './masking';
export * from './ids';
export * from './divisions';
export * from './calendar';
export * from './scalars';
export * from './text';
export * from './settlements';
export * from './i18n';
export { CLIENT_ERROR_CODES, ERROR_MESSAGES, localizedErrorMessage, type ClientErrorCode } from './error-messages';
