import type { EntityManager } from 'typeorm';
import type { Emit } from './outbox';

/**
 * What the handlings of one inbox transaction share: one event's, or a batch's (Messaging handles
 * several events in one transaction when its batch size is above 1). A handler keeps its running
 * state here (a projection's summed changes, say) and writes it once, just before the commit,
 * instead of once per event.
 */
export interface TransactionScope {
  /**
   * The state under `key`, created by the first handling that asks; `finish` runs once with it
   * before the transaction commits, after every handling of the transaction, in the order the
   * keys were first asked for. A failure in `finish` rolls the whole transaction back.
   */
  shared<S>(key: string, create: () => S, finish: (state: S, manager: EntityManager, emit: Emit) => Promise<void>): S;
}

export class PendingFinishes implements TransactionScope {
  private readonly entries = new Map<
    string,
    { state: unknown; finish: (state: unknown, manager: EntityManager, emit: Emit) => Promise<void> }
  >();

  shared<S>(key: string, create: () => S, finish: (state: S, manager: EntityManager, emit: Emit) => Promise<void>): S {
    const found = this.entries.get(key);
    if (found) return found.state as S;
    const state = create();
    this.entries.set(key, {
      state,
      finish: finish as (state: unknown, manager: EntityManager, emit: Emit) => Promise<void>,
    });
    return state;
  }

  async finish(manager: EntityManager, emit: Emit): Promise<void> {
    for (const { state, finish } of this.entries.values()) await finish(state, manager, emit);
    this.entries.clear();
  }
}
