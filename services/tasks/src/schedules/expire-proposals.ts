import { sqlExec } from '@zhiyuan/db';
import type { ServiceRuntime } from '@zhiyuan/server';
import { ProposalEntity, TaskEntity } from '../entities';
import { hasExpired } from '../domain/proposals';
import { isOpen } from '../domain/tasks';
import { requireCase } from '../commands/shared/cases';
import { emitProposalStep, tellProposalStep } from '../commands/shared/proposals';
import { finishTask } from '../commands/shared/tasks';

/**
 * Open proposals past their deadline lapse: EXPIRED, told to the obligor and the rights holders
 * (SMS and thread), `tasks.proposal.expired`, and a payment-confirmation task still open is
 * cancelled. Rows are claimed with SKIP LOCKED and the status is checked again on the row, so a
 * second run, or a replica, expires nothing twice; a proposal being answered at that moment is
 * left to the next run.
 */
export async function expireProposals(runtime: ServiceRuntime, now: Date, batchSize = 200): Promise<number> {
  return runtime.messaging.transaction(async (m, emit) => {
    const due = await m
      .getRepository(ProposalEntity)
      .createQueryBuilder('p')
      .where(`p.status IN ('SUBMITTED', 'CONSENTED')`)
      .andWhere('p.expires_at <= :now', { now })
      .orderBy('p.expires_at')
      .limit(batchSize)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    let expired = 0;
    for (const p of due) {
      if (!hasExpired(p, now)) continue;
      const { ref, parties } = await requireCase(m, p.caseId);
      const from = p.status;
      await sqlExec(m, `UPDATE tasks.proposal SET status = 'EXPIRED', expired_at = $2, updated_at = $2 WHERE id = $1`, [
        p.id,
        now,
      ]);
      // The event names the state it lapsed from; the row is EXPIRED from here on.
      const lapsed = Object.assign(p, { status: from, expiredAt: now, updatedAt: now });
      await emitProposalStep(emit, 'EXPIRED', lapsed, ref);
      lapsed.status = 'EXPIRED';
      await tellProposalStep(m, 'EXPIRED', lapsed, ref, parties, now);
      if (p.taskId) {
        const task = await m
          .getRepository(TaskEntity)
          .findOne({ where: { id: p.taskId }, lock: { mode: 'pessimistic_write' } });
        if (task && isOpen(task))
          await finishTask(m, emit, task, 'CANCELLED', { cancelReason: 'PROPOSAL_EXPIRED' }, now);
      }
      expired++;
    }
    return expired;
  });
}
