/**
 * Coming forward (主动履行) on the console: the obligor's form for the four intents, checked as the
 * server checks it before it is sent; the rights holder's consent or decline; the court's decision.
 * The graph decides who may do which (a stranger's attempt is refused `FORBIDDEN`); these pieces only
 * offer what fits the reader's side of the case and the proposal's state.
 */
import { useState } from 'react';
import { graphql } from '../generated';
import type { GraceReasonCode, ProposalIntent, ProposalStatus } from '../generated/graphql';
import { useMutation } from '../api';
import { useT, type MessageKey } from '../i18n';
import { dateTime, day, today, yuan } from '../format';
import { checkDraft, isProblem, type Draft } from '../proposal-rules';
import { ErrorNote } from '../ui';

export interface ProposalView {
  id: string;
  intent: ProposalIntent;
  status: ProposalStatus;
  amountFen?: number | null;
  paidOn?: string | null;
  terms?: string | null;
  instalments?: { dueDate: string; amountFen: number }[] | null;
  graceMonths?: number | null;
  graceReasons?: string | null;
  answerReason?: string | null;
  decisionReason?: string | null;
  submittedAt: string;
  expiresAt: string;
}

const ComeForward = graphql(`
  mutation ComeForward($caseId: ID!, $input: ComeForwardInput!) {
    comeForward(caseId: $caseId, input: $input) {
      id
      status
    }
  }
`);

const Respond = graphql(`
  mutation RespondToProposal($input: RespondToProposalInput!) {
    respondToProposal(input: $input) {
      id
      status
    }
  }
`);

const Decide = graphql(`
  mutation DecideProposal($input: DecideProposalInput!) {
    decideProposal(input: $input) {
      id
      status
    }
  }
`);

const INTENTS: ProposalIntent[] = ['PAY_NOW', 'PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT', 'REQUEST_GRACE'];
const GRACE_REASONS: GraceReasonCode[] = [
  'ILLNESS',
  'DISABILITY',
  'OLD_AGE',
  'UNEMPLOYMENT',
  'BUSINESS_DIFFICULTY',
  'NATURAL_DISASTER',
  'OTHER_HARDSHIP',
];
/** Settlements and plans are agreements: the rights holder answers first. */
const NEEDS_CONSENT: ProposalIntent[] = ['PROPOSE_INSTALMENTS', 'PROPOSE_SETTLEMENT'];

export function isOpen(p: ProposalView): boolean {
  return p.status === 'SUBMITTED' || p.status === 'CONSENTED';
}

/** Whether the court may decide it now: after consent for agreements, at once otherwise. */
export function awaitsCourt(p: ProposalView): boolean {
  return NEEDS_CONSENT.includes(p.intent) ? p.status === 'CONSENTED' : p.status === 'SUBMITTED';
}

function Summary({ p }: { p: ProposalView }) {
  const { t } = useT();
  return (
    <>
      {p.amountFen != null && <> · {yuan(p.amountFen)}</>}
      {p.paidOn && <> · {day(p.paidOn)}</>}
      {p.graceMonths != null && <> · {t('cf.monthsN', { n: p.graceMonths })}</>}
      {p.instalments && p.instalments.length > 0 && (
        <ol className="small">
          {p.instalments.map((i) => (
            <li key={i.dueDate}>
              {day(i.dueDate)} {yuan(i.amountFen)}
            </li>
          ))}
        </ol>
      )}
      {(p.terms || p.graceReasons) && <p className="small">{p.terms ?? p.graceReasons}</p>}
    </>
  );
}

/**
 * One proposal with what the reader may do with it: `obligee` consents or declines an agreement
 * waiting for them, `court` accepts or rejects one waiting for the court.
 */
export function ProposalItem({
  p,
  role,
  onChange,
}: {
  p: ProposalView;
  role: 'obligor' | 'obligee' | 'court' | 'reader';
  onChange(): void;
}) {
  const { t, te } = useT();
  const respond = useMutation(Respond);
  const decide = useMutation(Decide);
  const [reason, setReason] = useState('');
  const [graceCode, setGraceCode] = useState<GraceReasonCode>('ILLNESS');
  const answerable = role === 'obligee' && p.status === 'SUBMITTED' && NEEDS_CONSENT.includes(p.intent);
  const decidable = role === 'court' && awaitsCourt(p);
  const done = (r: unknown) => r && onChange();
  return (
    <li data-proposal={p.id} data-status={p.status}>
      <strong>{te(p.intent)}</strong> · <span className="badge-status">{te(p.status)}</span>
      <Summary p={p} />
      <p className="muted small">
        {t('cf.submittedAt')} {dateTime(p.submittedAt)}
        {isOpen(p) && ` · ${t('cf.expiresAt')} ${dateTime(p.expiresAt)}`}
      </p>
      {(p.answerReason || p.decisionReason) && <p className="small">{p.decisionReason ?? p.answerReason}</p>}
      {(answerable || decidable) && (
        <div className="inline-form">
          <label>
            {t('cf.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {decidable && p.intent === 'REQUEST_GRACE' && (
            <label>
              {t('cf.graceReason')}
              <select value={graceCode} onChange={(e) => setGraceCode(e.target.value as GraceReasonCode)}>
                {GRACE_REASONS.map((g) => (
                  <option key={g} value={g}>
                    {te(g)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ErrorNote error={respond.error ?? decide.error} />
          <div className="toolbar">
            {answerable && (
              <>
                <button
                  type="button"
                  disabled={respond.pending}
                  onClick={() =>
                    void respond
                      .run({ input: { proposalId: p.id, answer: 'ACCEPT', reason: reason || null } })
                      .then(done)
                  }
                >
                  {t('cf.consent')}
                </button>
                <button
                  type="button"
                  disabled={respond.pending}
                  onClick={() =>
                    void respond
                      .run({ input: { proposalId: p.id, answer: 'DECLINE', reason: reason || null } })
                      .then(done)
                  }
                >
                  {t('cf.decline')}
                </button>
              </>
            )}
            {decidable && (
              <>
                <button
                  type="button"
                  disabled={decide.pending}
                  onClick={() =>
                    void decide
                      .run({
                        input: {
                          proposalId: p.id,
                          decision: 'ACCEPT',
                          reason: reason || null,
                          graceReasonCode: p.intent === 'REQUEST_GRACE' ? graceCode : null,
                        },
                      })
                      .then(done)
                  }
                >
                  {t('cf.accept')}
                </button>
                <button
                  type="button"
                  disabled={decide.pending}
                  onClick={() =>
                    void decide
                      .run({ input: { proposalId: p.id, decision: 'REJECT', reason: reason || null } })
                      .then(done)
                  }
                >
                  {t('cf.reject')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </li>
  );
}

const EMPTY: Draft = {
  intent: 'PROPOSE_INSTALMENTS',
  amount: '',
  day: '',
  text: '',
  months: '1',
  schedule: [{ dueDate: '', amount: '' }],
};

/** The obligor's form: one intent at a time, checked here as the server will check it. */
export function ComeForwardForm({
  caseId,
  outstandingFen,
  onDone,
}: {
  caseId: string;
  outstandingFen: number;
  onDone(): void;
}) {
  const { t, te } = useT();
  const send = useMutation(ComeForward);
  const [d, setD] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<{ field: string; text: string }>();
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setRow = (k: number, patch: Partial<Draft['schedule'][number]>) =>
    setD((x) => ({ ...x, schedule: x.schedule.map((r, i) => (i === k ? { ...r, ...patch } : r)) }));
  const dayLabel: MessageKey = d.intent === 'PAY_NOW' ? 'cf.paidOn' : 'cf.payBy';
  return (
    <form
      className="inline-form"
      aria-label={t('cf.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const checked = checkDraft(d, today(), outstandingFen);
        if (isProblem(checked)) return setProblem({ field: checked.field, text: t(checked.key) });
        setProblem(undefined);
        void send.run({ caseId, input: checked }).then((r) => {
          if (r) {
            setD(EMPTY);
            onDone();
          }
        });
      }}
    >
      <label>
        {t('cf.intent')}
        <select value={d.intent} onChange={(e) => set({ intent: e.target.value as ProposalIntent })}>
          {INTENTS.map((i) => (
            <option key={i} value={i}>
              {te(i)}
            </option>
          ))}
        </select>
      </label>
      {(d.intent === 'PAY_NOW' || d.intent === 'PROPOSE_SETTLEMENT') && (
        <>
          <label>
            {t('cf.amount')}
            <input inputMode="decimal" value={d.amount} onChange={(e) => set({ amount: e.target.value })} />
          </label>
          <label>
            {t(dayLabel)}
            <input type="date" value={d.day} onChange={(e) => set({ day: e.target.value })} />
          </label>
        </>
      )}
      {d.intent === 'PROPOSE_INSTALMENTS' && (
        <fieldset>
          <legend>{t('cf.schedule')}</legend>
          {d.schedule.map((row, k) => (
            <div key={k} className="toolbar" data-row={k}>
              <label>
                {t('cf.dueDate', { n: k + 1 })}
                <input type="date" value={row.dueDate} onChange={(e) => setRow(k, { dueDate: e.target.value })} />
              </label>
              <label>
                {t('cf.instalmentAmount', { n: k + 1 })}
                <input inputMode="decimal" value={row.amount} onChange={(e) => setRow(k, { amount: e.target.value })} />
              </label>
              {d.schedule.length > 1 && (
                <button
                  type="button"
                  className="link"
                  onClick={() => setD((x) => ({ ...x, schedule: x.schedule.filter((_, i) => i !== k) }))}
                >
                  {t('cf.removeRow')}
                </button>
              )}
            </div>
          ))}
          <button type="button" onClick={() => set({ schedule: [...d.schedule, { dueDate: '', amount: '' }] })}>
            {t('cf.addRow')}
          </button>
        </fieldset>
      )}
      {d.intent === 'REQUEST_GRACE' && (
        <label>
          {t('cf.months')}
          <select value={d.months} onChange={(e) => set({ months: e.target.value })}>
            {['1', '2', '3'].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t(d.intent === 'REQUEST_GRACE' ? 'cf.reasons' : d.intent === 'PAY_NOW' ? 'cf.note' : 'cf.terms')}
        <textarea value={d.text} onChange={(e) => set({ text: e.target.value })} rows={2} />
      </label>
      {problem && (
        <p role="alert" className="error" data-field={problem.field}>
          {problem.text}（{t('cf.field')}: {problem.field}）
        </p>
      )}
      <ErrorNote error={send.error} />
      <button type="submit" disabled={send.pending}>
        {t('cf.send')}
      </button>
    </form>
  );
}
