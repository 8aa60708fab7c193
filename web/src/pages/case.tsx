/**
 * One case across the four subgraphs: the judgment and its enforcement (cases), the listings
 * (people-credit), the tasks, the thread and the obligor's proposals (tasks), on one timeline. The
 * graph decides who may open it: a cadre of another village is refused, and the page says so. A party
 * sees its side of the case (`partyView`: the other side masked, the village team's contacts) and
 * comes forward or answers a proposal here; the court decides one here too. Tasks, settlements,
 * declarations and home visits list their files, and staff attach files to them (docs/attachments.md).
 */
import { useState } from 'react';
import { graphql } from '../generated';
import { request, useMutation, useQuery, useSubscription } from '../api';
import type { AttachmentTargetKind } from '../generated/graphql';
import { Attachments, type AskUpload } from '../attachments';
import { useT } from '../i18n';
import { dateTime, day, today, yuan } from '../format';
import { WORKBENCH_ROLES, hasRole, useSession, type Role } from '../auth';
import { ComeForwardForm, ProposalItem, isOpen } from './proposals';
import { toFen } from '../proposal-rules';
import { ErrorNote, Loading, Section } from '../ui';

const CaseQuery = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      caseNumber
      enforcementNumber
      court
      state
      closedAt
      amountOwedFen
      paidFen
      outstandingFen
      timeline {
        kind
        at
        summary
      }
      settlements {
        id
        kind
        status
        terms
        totalFen
        paidFen
        instalments {
          no
          dueDate
          amountFen
          paidFen
          status
        }
        attachments {
          id
          fileName
          contentType
          sizeBytes
          uploadedAt
          downloadUrl
        }
      }
      proposals {
        id
        intent
        status
        amountFen
        paidOn
        terms
        instalments {
          dueDate
          amountFen
        }
        graceMonths
        graceReasons
        answerReason
        decisionReason
        submittedAt
        expiresAt
      }
      performances {
        id
        amountFen
        paidOn
        channel
      }
      messages {
        id
        authorRole
        mine
        body
        createdAt
      }
    }
  }
`);

/** What the case's staff read besides: the court's people, the parties in full, listings and tasks. */
// Every event of the case (urging, payments, settlements, state) pushes a refresh of the page.
const CaseUpdatedSubscription = graphql(`
  subscription CaseUpdated($id: ID!) {
    caseUpdated(caseId: $id) {
      eventId
      kind
    }
  }
`);

const CaseStaffQuery = graphql(`
  query CaseStaffPage($id: ID!) {
    case(id: $id) {
      id
      judge {
        name
      }
      enforcementOfficer {
        name
      }
      obligors {
        id
        name
        idNumberMasked
      }
      obligees {
        id
        name
      }
      village {
        code
        name
      }
      listings {
        id
        status
      }
      tasks {
        id
        title
        status
        dueAt
        attachments {
          id
          fileName
          contentType
          sizeBytes
          uploadedAt
          downloadUrl
        }
      }
    }
  }
`);

/** A party's own side of the case: the other side masked, the village team's contacts. */
const CasePartyQuery = graphql(`
  query CasePartyView($id: ID!) {
    case(id: $id) {
      id
      partyView {
        mySides
        counterparts {
          side
          name
          idNumberMasked
        }
        team {
          name
          role
          phone
          division
        }
      }
    }
  }
`);

const ObligorWorkQuery = graphql(`
  query CaseObligorWork($partyId: ID!) {
    party(id: $partyId) {
      id
      name
      plan {
        approach
        nextSteps
        updatedAt
      }
      declarations {
        id
        monthlyIncomeFen
        debtsFen
        dependants
        signedOn
        assets {
          kind
          valueFen
        }
        attachments {
          id
          fileName
          contentType
          sizeBytes
          uploadedAt
          downloadUrl
        }
      }
      homeVisits {
        id
        visitedOn
        summary
        attachments {
          id
          fileName
          contentType
          sizeBytes
          uploadedAt
          downloadUrl
        }
      }
    }
  }
`);

const LogHomeVisit = graphql(`
  mutation LogHomeVisit($input: HomeVisitInput!) {
    logHomeVisit(input: $input) {
      id
    }
  }
`);

const SavePlan = graphql(`
  mutation SaveObligorPlan($input: ObligorPlanInput!) {
    saveObligorPlan(input: $input) {
      approach
      nextSteps
      updatedAt
    }
  }
`);

const FileDeclaration = graphql(`
  mutation FileDeclaration($input: PropertyDeclarationInput!) {
    fileDeclaration(input: $input) {
      id
    }
  }
`);

const RequestUpload = graphql(`
  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {
    requestAttachmentUpload(input: $input) {
      uploadUrl
    }
  }
`);

const RequestSettlementUpload = graphql(`
  mutation RequestSettlementAttachmentUpload($input: RequestSettlementAttachmentUploadInput!) {
    requestSettlementAttachmentUpload(input: $input) {
      uploadUrl
    }
  }
`);

/** An upload link for a file of a task, a declaration or a home visit (tasks owns them). */
const askFor =
  (kind: AttachmentTargetKind, id: string): AskUpload =>
  async (file) =>
    (await request(RequestUpload, { input: { target: { kind, id }, ...file } })).requestAttachmentUpload.uploadUrl;

/** An upload link for a file of a settlement (cases owns them). */
const askForSettlement =
  (settlementId: string): AskUpload =>
  async (file) =>
    (await request(RequestSettlementUpload, { input: { settlementId, ...file } })).requestSettlementAttachmentUpload
      .uploadUrl;

const ASSET_KINDS = ['REAL_ESTATE', 'VEHICLE', 'DEPOSIT', 'BUSINESS', 'OTHER'] as const;

/** 元 as typed to fen; empty or not a number is NaN (the form says so before sending). */
const fenOf = (text: string) => (text.trim() === '' ? Number.NaN : toFen(text));

/**
 * The one plan per obligor (一人一策): approach and next steps, saved over the last one. The server's
 * checks stand; its answer is shown in the reader's language.
 */
function PlanForm({
  partyId,
  caseId,
  plan,
  onDone,
}: {
  partyId: string;
  caseId: string;
  plan?: { approach: string; nextSteps: string[] } | null;
  onDone(): void;
}) {
  const { t } = useT();
  const save = useMutation(SavePlan);
  const [approach, setApproach] = useState(plan?.approach ?? '');
  const [steps, setSteps] = useState(plan?.nextSteps.join('\n') ?? '');
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="inline-form"
      aria-label={t('case.editPlan')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const nextSteps = steps
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean);
        void save.run({ input: { partyId, caseId, approach, nextSteps } }).then((r) => {
          if (r) {
            setSaved(true);
            onDone();
          }
        });
      }}
    >
      <label>
        {t('case.planApproach')}
        <textarea value={approach} onChange={(e) => setApproach(e.target.value)} rows={2} />
      </label>
      <label>
        {t('case.planSteps')}
        <textarea value={steps} onChange={(e) => setSteps(e.target.value)} rows={3} />
      </label>
      <ErrorNote error={save.error} />
      {saved && (
        <p role="status" className="ok">
          {t('case.planSaved')}
        </p>
      )}
      <button type="submit" disabled={save.pending}>
        {t('case.editPlan')}
      </button>
    </form>
  );
}

interface AssetRow {
  kind: (typeof ASSET_KINDS)[number];
  description: string;
  value: string;
}

/** The obligor's property and income declaration, filed by the village or township team with them. */
function DeclarationForm({ partyId, caseId, onDone }: { partyId: string; caseId: string; onDone(): void }) {
  const { t, te } = useT();
  const file = useMutation(FileDeclaration);
  const [income, setIncome] = useState('');
  const [debts, setDebts] = useState('0');
  const [dependants, setDependants] = useState('0');
  const [signedOn, setSignedOn] = useState(today());
  const [assets, setAssets] = useState<AssetRow[]>([]);
  const [problem, setProblem] = useState<string>();
  const setAsset = (k: number, patch: Partial<AssetRow>) =>
    setAssets((xs) => xs.map((x, i) => (i === k ? { ...x, ...patch } : x)));
  return (
    <form
      className="inline-form"
      aria-label={t('case.declaration')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          partyId,
          caseId,
          monthlyIncomeFen: fenOf(income),
          debtsFen: fenOf(debts),
          dependants: Number(dependants),
          signedOn,
          assets: assets.map((a) => ({ kind: a.kind, description: a.description, valueFen: fenOf(a.value) })),
        };
        // Amounts the wire cannot carry are named here, as the server would name them; the rest it checks.
        const bad = [
          ['monthlyIncomeFen', input.monthlyIncomeFen],
          ['debtsFen', input.debtsFen],
          ['dependants', input.dependants],
          ...input.assets.map((a, i) => [`assets.${i}.valueFen`, a.valueFen] as const),
        ].find(([, v]) => !Number.isFinite(v as number));
        setProblem(bad ? String(bad[0]) : undefined);
        if (bad) return;
        void file.run({ input }).then((r) => {
          if (r) {
            setIncome('');
            setAssets([]);
            onDone();
          }
        });
      }}
    >
      <label>
        {t('case.declIncome')}
        <input inputMode="decimal" value={income} onChange={(e) => setIncome(e.target.value)} />
      </label>
      <label>
        {t('case.declDebts')}
        <input inputMode="decimal" value={debts} onChange={(e) => setDebts(e.target.value)} />
      </label>
      <label>
        {t('case.declDependants')}
        <input type="number" min={0} value={dependants} onChange={(e) => setDependants(e.target.value)} />
      </label>
      <label>
        {t('case.declSignedOn')}
        <input type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
      </label>
      {assets.map((a, k) => (
        <div key={k} className="toolbar" data-asset={k}>
          <label>
            {t('case.declAssetKind', { n: k + 1 })}
            <select value={a.kind} onChange={(e) => setAsset(k, { kind: e.target.value as AssetRow['kind'] })}>
              {ASSET_KINDS.map((x) => (
                <option key={x} value={x}>
                  {te(x)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('case.declAssetDescription', { n: k + 1 })}
            <input value={a.description} onChange={(e) => setAsset(k, { description: e.target.value })} />
          </label>
          <label>
            {t('case.declAssetValue', { n: k + 1 })}
            <input inputMode="decimal" value={a.value} onChange={(e) => setAsset(k, { value: e.target.value })} />
          </label>
        </div>
      ))}
      <button
        type="button"
        onClick={() => setAssets((xs) => [...xs, { kind: 'REAL_ESTATE', description: '', value: '' }])}
      >
        {t('case.declAddAsset')}
      </button>
      {problem && (
        <p role="alert" className="error" data-field={problem}>
          {t('cf.err.amount')}（{t('cf.field')}: {problem}）
        </p>
      )}
      <ErrorNote error={file.error} />
      <button type="submit" disabled={file.pending}>
        {t('case.declFile')}
      </button>
    </form>
  );
}

/** 一人一策 and the home-visit log of the case's obligor: the village and township teams' own work. */
function ObligorWork({ partyId, caseId }: { partyId: string; caseId: string }) {
  const { t, te } = useT();
  const q = useQuery(ObligorWorkQuery, { partyId });
  const log = useMutation(LogHomeVisit);
  const [summary, setSummary] = useState('');
  const p = q.data?.party;
  return (
    <Section id="plan" title={t('case.plan', { name: p?.name ?? '' })}>
      <ErrorNote error={q.error} />
      {p?.plan ? (
        <>
          <p>{p.plan.approach}</p>
          <ol>
            {p.plan.nextSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      ) : (
        p && <p className="muted">{t('case.noPlan')}</p>
      )}
      {p && (
        <PlanForm key={p.plan?.approach ?? ''} partyId={partyId} caseId={caseId} plan={p.plan} onDone={q.refetch} />
      )}
      <h3>{t('case.declarations')}</h3>
      <ul className="plain" id="declarations">
        {p?.declarations.map((d) => (
          <li key={d.id}>
            {day(d.signedOn)} {t('case.declIncome')} {yuan(d.monthlyIncomeFen)} · {t('case.declDebts')}{' '}
            {yuan(d.debtsFen)}
            {d.assets.length > 0 && ` · ${d.assets.map((a) => `${te(a.kind)} ${yuan(a.valueFen)}`).join('、')}`}
            <Attachments
              files={d.attachments}
              label={`${t('case.declaration')} ${day(d.signedOn)}`}
              ask={askFor('PROPERTY_DECLARATION', d.id)}
              onDone={q.refetch}
            />
          </li>
        ))}
      </ul>
      {p && <DeclarationForm partyId={partyId} caseId={caseId} onDone={q.refetch} />}
      <h3>{t('case.visits')}</h3>
      <ul className="plain">
        {p?.homeVisits.map((v) => (
          <li key={v.id} data-visit={v.id}>
            {day(v.visitedOn)} {v.summary}
            <Attachments
              files={v.attachments}
              label={`${t('case.visits')} ${day(v.visitedOn)} ${v.summary}`}
              ask={askFor('HOME_VISIT', v.id)}
              onDone={q.refetch}
            />
          </li>
        ))}
      </ul>
      {p && (
        <form
          className="inline-form"
          aria-label={t('case.logVisit')}
          onSubmit={(e) => {
            e.preventDefault();
            void log.run({ input: { partyId, caseId, visitedOn: today(), summary } }).then((ok) => {
              if (ok) {
                setSummary('');
                q.refetch();
              }
            });
          }}
        >
          <label>
            {t('case.visitSummary')}
            <textarea required value={summary} onChange={(e) => setSummary(e.target.value)} rows={2} />
          </label>
          <ErrorNote error={log.error} />
          <button type="submit" disabled={log.pending}>
            {t('case.logVisit')}
          </button>
        </form>
      )}
    </Section>
  );
}

const PostMessage = graphql(`
  mutation PostCaseMessage($caseId: ID!, $body: String!) {
    postCaseMessage(caseId: $caseId, body: $body) {
      id
    }
  }
`);

/** The court's readers who may decide a proposal (the graph has the last word). */
const DECIDERS: Role[] = ['ADMIN', 'JUDGE', 'ENFORCEMENT_OFFICER'];

export function CaseView({ id }: { id: string }) {
  const { t, te } = useT();
  const session = useSession();
  const updated = useSubscription(CaseUpdatedSubscription, { id });
  const poll = updated.live ? undefined : 15_000;
  const q = useQuery(CaseQuery, { id }, { pollMs: poll, refreshKey: updated.tick });
  const isParty = hasRole(session, ['PARTY']);
  const staffQ = useQuery(CaseStaffQuery, { id }, { pollMs: poll, skip: isParty, refreshKey: updated.tick });
  const partyQ = useQuery(CasePartyQuery, { id }, { pollMs: poll, skip: !isParty, refreshKey: updated.tick });
  const staff = staffQ.data?.case;
  const partyView = partyQ.data?.case?.partyView;
  const post = useMutation(PostMessage);
  const [body, setBody] = useState('');
  const c = q.data?.case;
  if (q.error && !c) return <ErrorNote error={q.error} />;
  if (!c) return <Loading when={q.loading} />;
  const sides = partyView?.mySides ?? [];
  const proposalRole = sides.includes('OBLIGEE')
    ? 'obligee'
    : sides.includes('OBLIGOR')
      ? 'obligor'
      : hasRole(session, DECIDERS)
        ? 'court'
        : 'reader';
  const canComeForward = sides.includes('OBLIGOR') && !c.closedAt && c.outstandingFen > 0 && !c.proposals.some(isOpen);
  return (
    <>
      <h1>{t('case.title', { n: c.caseNumber })}</h1>
      <p className="muted small" data-live={updated.live ? 'ws' : 'poll'}>
        {updated.live ? t('cockpit.live') : t('common.updated', { s: 15 })}
      </p>
      <ErrorNote error={q.error ?? staffQ.error ?? partyQ.error} />
      <dl className="facts">
        <dt>{t('case.state')}</dt>
        <dd>{te(c.state)}</dd>
        <dt>{t('case.court')}</dt>
        <dd>
          {c.court} {c.enforcementNumber ?? ''}
        </dd>
        {staff && (
          <>
            <dt>{t('case.judge')}</dt>
            <dd>{staff.judge?.name ?? '—'}</dd>
            <dt>{t('case.officer')}</dt>
            <dd>{staff.enforcementOfficer?.name ?? '—'}</dd>
            <dt>{t('case.obligors')}</dt>
            <dd>{staff.obligors.map((p) => `${p.name}（${p.idNumberMasked}）`).join('、')}</dd>
            <dt>{t('case.obligees')}</dt>
            <dd>{staff.obligees.map((p) => p.name).join('、')}</dd>
            <dt>{t('case.village')}</dt>
            <dd>{staff.village?.name ?? '—'}</dd>
          </>
        )}
        <dt>{t('case.owed')}</dt>
        <dd>{yuan(c.amountOwedFen)}</dd>
        <dt>{t('case.paid')}</dt>
        <dd>{yuan(c.paidFen)}</dd>
        <dt>{t('case.outstanding')}</dt>
        <dd>{yuan(c.outstandingFen)}</dd>
        {sides.length > 0 && (
          <>
            <dt>{t('case.mySides')}</dt>
            <dd>{sides.map((side) => te(side)).join('、')}</dd>
          </>
        )}
      </dl>
      <div className="grid">
        <Section id="timeline" title={t('case.timeline')}>
          <ol className="timeline">
            {c.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{dateTime(e.at)}</time> {e.summary}
              </li>
            ))}
          </ol>
        </Section>
        {partyView && (
          <Section id="party-view" title={t('case.counterparts')}>
            <ul className="plain">
              {partyView.counterparts.map((p, i) => (
                <li key={i}>
                  {te(p.side)} · {p.name}（{p.idNumberMasked}）
                </li>
              ))}
            </ul>
            <h3>{t('case.team')}</h3>
            <ul className="plain" id="team">
              {partyView.team.map((m, i) => (
                <li key={i}>
                  {m.division} · {m.name} {m.phone && <a href={`tel:${m.phone}`}>{m.phone}</a>}
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section id="proposals" title={t('case.proposals')}>
          {c.proposals.length === 0 && <p className="muted">{t('common.none')}</p>}
          <ul className="plain">
            {c.proposals.map((p) => (
              <ProposalItem key={p.id} p={p} role={proposalRole} onChange={q.refetch} />
            ))}
          </ul>
          {canComeForward && (
            <>
              <h3>{t('case.comeForward')}</h3>
              <ComeForwardForm caseId={c.id} outstandingFen={c.outstandingFen} onDone={q.refetch} />
            </>
          )}
        </Section>
        <Section id="settlements" title={t('case.settlements')}>
          {c.settlements.length === 0 && <p className="muted">{t('common.none')}</p>}
          {c.settlements.map((st) => (
            <div key={st.id} data-settlement={st.id}>
              <p>
                {te(st.kind)} · {te(st.status)} · {yuan(st.paidFen)} / {yuan(st.totalFen)}
              </p>
              <ol className="plain instalments">
                {st.instalments.map((i) => (
                  <li key={i.no}>
                    {day(i.dueDate)} {yuan(i.amountFen)} · {te(i.status)}
                  </li>
                ))}
              </ol>
              <Attachments
                files={st.attachments}
                label={`${te(st.kind)} ${yuan(st.totalFen)}`}
                ask={staff ? askForSettlement(st.id) : undefined}
                onDone={q.refetch}
              />
            </div>
          ))}
        </Section>
        <Section id="payments" title={t('case.payments')}>
          {c.performances.length === 0 && <p className="muted">{t('common.none')}</p>}
          <ul className="plain">
            {c.performances.map((p) => (
              <li key={p.id}>
                {day(p.paidOn)} {yuan(p.amountFen)} · {p.channel}
              </li>
            ))}
          </ul>
          {staff && <h3>{t('case.listings')}</h3>}
          <ul className="plain">
            {staff?.listings.map((l) => (
              <li key={l.id}>{te(l.status)}</li>
            ))}
          </ul>
          {staff && <h3>{t('case.tasks')}</h3>}
          <ul className="plain">
            {staff?.tasks.map((task) => (
              <li key={task.id} data-task={task.id}>
                {task.title} · {te(task.status)} · {dateTime(task.dueAt)}
                <Attachments
                  files={task.attachments}
                  label={task.title}
                  ask={askFor('TASK', task.id)}
                  onDone={staffQ.refetch}
                />
              </li>
            ))}
          </ul>
        </Section>
        {hasRole(session, WORKBENCH_ROLES) && staff?.obligors[0] && (
          <ObligorWork partyId={staff.obligors[0].id} caseId={c.id} />
        )}
        <Section id="thread" title={t('case.messages')}>
          <ul className="plain thread">
            {c.messages.map((m) => (
              <li key={m.id} className={m.mine ? 'mine' : ''}>
                <span className="muted small">
                  {m.authorRole} · {dateTime(m.createdAt)}
                </span>
                <p>{m.body}</p>
              </li>
            ))}
          </ul>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void post.run({ caseId: c.id, body }).then((ok) => {
                if (ok) {
                  setBody('');
                  q.refetch();
                }
              });
            }}
          >
            <label>
              {t('case.message')}
              <textarea required value={body} onChange={(e) => setBody(e.target.value)} rows={2} />
            </label>
            <ErrorNote error={post.error} />
            <button type="submit" disabled={post.pending}>
              {t('case.post')}
            </button>
          </form>
        </Section>
      </div>
    </>
  );
}

export default function CasePage({ id }: { id: string }) {
  return (
    <article>
      <CaseView id={id} />
    </article>
  );
}
