import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { sqlRows } from '@zhiyuan/db';
import { isUuid } from '@zhiyuan/kernel';
import { listLoaderByKey, loaderByKey } from '@zhiyuan/server';
import { judgeScopeSql } from '../policy';
import {
  AttachmentEntity,
  type AttachmentTargetKind,
  CaseMessageEntity,
  CaseMessageReadEntity,
  CasePartyEntity,
  CaseRefEntity,
  FormEntity,
  HomeVisitEntity,
  MeetingEntity,
  MeetingInviteeEntity,
  NotificationEntity,
  ObligorPlanEntity,
  PartyRefEntity,
  ProposalEntity,
  TaskEntity,
} from '../entities';

export interface OpenTasksKey {
  code: string;
  limit: number;
  after: [string, string] | null;
  /** Only the tasks of cases this judge presides, or assigned to them; null for no such restriction. */
  judgeSub: string | null;
}

/** Keys reach SQL as uuids: a malformed one would fail the statement and every key batched with it. */
const uuids = (ids: readonly string[]) => ids.filter(isUuid);

/** Built per request: one batched query per entity or relation, whatever the page size. */
export function createLoaders(ds: DataSource, readerSub: string) {
  const repo = <T extends object>(e: new () => T) => ds.getRepository(e);
  return {
    task: loaderByKey<string, TaskEntity>(
      (ids) => repo(TaskEntity).findBy({ id: In(uuids(ids)) }),
      (t) => t.id,
    ),
    tasksOfCase: listLoaderByKey<string, TaskEntity>(
      (caseIds) =>
        repo(TaskEntity).find({ where: { caseId: In([...caseIds]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      (t) => t.caseId!,
    ),
    caseRef: loaderByKey<string, CaseRefEntity>(
      (ids) => repo(CaseRefEntity).findBy({ caseId: In(uuids(ids)) }),
      (c) => c.caseId,
    ),
    partiesOfCase: listLoaderByKey<string, CasePartyEntity>(
      (ids) => repo(CasePartyEntity).findBy({ caseId: In([...ids]) }),
      (p) => p.caseId,
    ),
    partyRef: loaderByKey<string, PartyRefEntity>(
      (ids) => repo(PartyRefEntity).findBy({ partyId: In(uuids(ids)) }),
      (p) => p.partyId,
    ),
    notificationsOfCase: listLoaderByKey<string, NotificationEntity>(
      (ids) =>
        repo(NotificationEntity).find({ where: { caseId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      (n) => n.caseId!,
    ),
    attachment: loaderByKey<string, AttachmentEntity>(
      (ids) => repo(AttachmentEntity).findBy({ id: In(uuids(ids)) }),
      (a) => a.id,
    ),
    /** Keyed `KIND:id`; STORED only, oldest first. */
    attachmentsOf: listLoaderByKey<string, AttachmentEntity>(
      async (keys) => {
        const where = keys
          .map((k) => k.split(':') as [AttachmentTargetKind, string])
          .filter(([, id]) => isUuid(id))
          .map(([targetKind, targetId]) => ({ targetKind, targetId, status: 'STORED' as const }));
        // An empty `where` list would find every row.
        return where.length ? repo(AttachmentEntity).find({ where, order: { requestedAt: 'ASC', id: 'ASC' } }) : [];
      },
      (a) => `${a.targetKind}:${a.targetId}`,
    ),
    form: loaderByKey<string, FormEntity>(
      (ids) => repo(FormEntity).findBy({ id: In(uuids(ids)) }),
      (f) => f.id,
    ),
    proposal: loaderByKey<string, ProposalEntity>(
      (ids) => repo(ProposalEntity).findBy({ id: In(uuids(ids)) }),
      (p) => p.id,
    ),
    proposalsOfCase: listLoaderByKey<string, ProposalEntity>(
      (ids) =>
        repo(ProposalEntity).find({ where: { caseId: In([...ids]) }, order: { submittedAt: 'DESC', id: 'ASC' } }),
      (p) => p.caseId,
    ),
    messagesOfCase: listLoaderByKey<string, CaseMessageEntity>(
      (ids) =>
        repo(CaseMessageEntity).find({ where: { caseId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      (m) => m.caseId,
    ),
    /** The caller's read marker per case. */
    readMarker: loaderByKey<string, CaseMessageReadEntity>(
      (ids) => repo(CaseMessageReadEntity).findBy({ caseId: In([...ids]), readerSub }),
      (r) => r.caseId,
    ),
    meeting: loaderByKey<string, MeetingEntity>(
      (ids) => repo(MeetingEntity).findBy({ id: In(uuids(ids)) }),
      (m) => m.id,
    ),
    inviteesOfMeeting: listLoaderByKey<string, MeetingInviteeEntity>(
      (ids) =>
        repo(MeetingInviteeEntity).find({
          where: { meetingId: In([...ids]) },
          order: { partyId: 'ASC', caseId: 'ASC' },
        }),
      (i) => i.meetingId,
    ),
    declarationsOfParty: listLoaderByKey<string, FormEntity>(
      (ids) =>
        repo(FormEntity).find({
          where: { partyId: In([...ids]), formType: 'PROPERTY_DECLARATION' },
          order: { submittedAt: 'DESC', id: 'ASC' },
        }),
      (f) => f.partyId,
    ),
    planOfParty: loaderByKey<string, ObligorPlanEntity>(
      (ids) => repo(ObligorPlanEntity).findBy({ partyId: In([...ids]) }),
      (p) => p.partyId,
    ),
    homeVisit: loaderByKey<string, HomeVisitEntity>(
      (ids) => repo(HomeVisitEntity).findBy({ id: In(uuids(ids)) }),
      (v) => v.id,
    ),
    visitsOfParty: listLoaderByKey<string, HomeVisitEntity>(
      (ids) =>
        repo(HomeVisitEntity).find({ where: { partyId: In([...ids]) }, order: { visitedOn: 'DESC', id: 'ASC' } }),
      (v) => v.partyId,
    ),
    /**
     * Open tasks under each division (Division.openTasks): one statement for all divisions of a
     * request (a lateral join per division code), plus one for the counts.
     */
    openTasksOfDivision: new DataLoader<OpenTasksKey, { rows: TaskEntity[]; total: number }, string>(
      async (keys) => {
        const out: { rows: TaskEntity[]; total: number }[] = [];
        const groups = new Map<string, OpenTasksKey[]>();
        for (const k of keys) {
          const g = `${k.limit}|${JSON.stringify(k.after)}|${k.judgeSub ?? ''}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
        }
        const results = new Map<string, { rows: TaskEntity[]; total: number }>();
        for (const group of groups.values()) {
          const { limit, after, judgeSub } = group[0]!;
          const codes = group.map((k) => k.code);
          const ids = await sqlRows<{ code: string; id: string }>(
            ds,
            `SELECT d.code, t.id FROM unnest($1::text[]) AS d(code)
             CROSS JOIN LATERAL (
               SELECT tk.id, tk.due_at FROM tasks.task tk
               WHERE tk.division_code LIKE d.code || '%' AND tk.status IN ('OPEN', 'IN_PROGRESS')
                 AND ($2::timestamptz IS NULL OR (tk.due_at, tk.id) > ($2::timestamptz, $3::uuid))
                 AND ($5::text IS NULL OR ${judgeScopeSql('$5', 'tk')})
               ORDER BY tk.due_at, tk.id LIMIT $4) t
             ORDER BY d.code, t.due_at, t.id`,
            [codes, after?.[0] ?? null, after?.[1] ?? null, limit + 1, judgeSub],
          );
          const counts = await sqlRows<{ code: string; n: number }>(
            ds,
            `SELECT d.code, (SELECT count(*)::int FROM tasks.task tk WHERE tk.division_code LIKE d.code || '%' AND tk.status IN ('OPEN', 'IN_PROGRESS')
                 AND ($2::text IS NULL OR ${judgeScopeSql('$2', 'tk')})) AS n
             FROM unnest($1::text[]) AS d(code)`,
            [codes, judgeSub],
          );
          const tasks = ids.length ? await repo(TaskEntity).findBy({ id: In(ids.map((r) => r.id)) }) : [];
          const byId = new Map(tasks.map((t) => [t.id, t]));
          for (const k of group) {
            results.set(keyOf(k), {
              rows: ids.filter((r) => r.code === k.code).map((r) => byId.get(r.id)!),
              total: counts.find((c) => c.code === k.code)?.n ?? 0,
            });
          }
        }
        for (const k of keys) out.push(results.get(keyOf(k))!);
        return out;
      },
      { cacheKeyFn: keyOf },
    ),
  };
}

function keyOf(k: OpenTasksKey): string {
  return `${k.code}|${k.limit}|${JSON.stringify(k.after)}|${k.judgeSub ?? ''}`;
}

export type Loaders = ReturnType<typeof createLoaders>;
