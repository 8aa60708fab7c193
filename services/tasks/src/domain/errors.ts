import { DomainError } from '@zhiyuan/server';

/** A state change the entity's state machine does not allow. */
export function transitionError(entity: string, from: string, to: string): DomainError {
  return new DomainError('INVALID_TRANSITION', `${entity} in state ${from} cannot move to ${to}`, { from, to });
}
