import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RULE_VIOLATION'
  | 'RATE_LIMITED';

/** A user-facing error: a code a frontend can switch on and a message a clerk can read. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'DomainError';
  }
}

export const errors = {
  validation: (field: string, message: string) => new DomainError('VALIDATION_FAILED', message, { field }),
  notFound: (entity: string, id: string) =>
    new DomainError('NOT_FOUND', `${entity} ${id} was not found`, { entity, id }),
  forbidden: (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message),
  conflict: (message: string, extensions: Record<string, unknown> = {}) =>
    new DomainError('CONFLICT', message, extensions),
  invalidTransition: (from: string, to: string, entity = 'case') =>
    new DomainError('INVALID_TRANSITION', `A ${entity} in state ${from} cannot move to ${to}`, { from, to }),
  rule: (rule: string, message: string) => new DomainError('RULE_VIOLATION', message, { rule }),
  rateLimited: (retryAfterSeconds: number, message = 'Too many requests; try again later') =>
    new DomainError('RATE_LIMITED', message, { retryAfterSeconds }),
  unauthenticated: (message = 'Sign in to do this') => new DomainError('UNAUTHENTICATED', message),
};
