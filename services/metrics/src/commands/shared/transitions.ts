import { DomainError } from '@zhiyuan/kernel';

/** The error of a move a state machine does not allow. */
export const invalidTransition = (entity: string, from: string, to: string) =>
  new DomainError('INVALID_TRANSITION', `A ${entity} in state ${from} cannot move to ${to}`, { from, to });
