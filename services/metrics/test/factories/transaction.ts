import type { Emit, TransactionScope } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';

/** One transaction's handlings, finished in order before it commits (what Messaging does for a batch). */
export class Scope implements TransactionScope {
  private readonly entries = new Map<string, { state: unknown; finish: (state: never, m: EntityManager, emit: Emit) => Promise<void> }>();
  shared<S>(key: string, create: () => S, finish: (state: S, m: EntityManager, emit: Emit) => Promise<void>): S {
    if (!this.entries.has(key)) this.entries.set(key, { state: create(), finish: finish as never });
    return this.entries.get(key)!.state as S;
  }
  async finish(m: EntityManager, emit: Emit): Promise<void> {
    for (const { state, finish } of this.entries.values()) await finish(state as never, m, emit);
  }
}

/** The events a handling emits are not looked at here. */
export const ignore = (async () => ({})) as unknown as Emit;
