/**
 * The village / township workbench: the division's open cases with the obligor's credit status, the
 * open and overdue tasks (completed here with the result form, or the whereabouts-and-property feedback
 * form for locating work), and, for a village, its enforcement meetings with attendance and outcomes.
 */
import { useState } from 'react';
import { graphql } from '../generated';
import type { EnforcementMeetingOutcome, TaskResultOutcome, WorkbenchQuery } from '../generated/graphql';
import { useMutation, useQuery, useSubscription } from '../api';
import { WORKBENCH_ROLES, hasRole, useSession } from '../auth';
import { useT } from '../i18n';
import { Link } from '../router';
import { dateTime, yuan } from '../format';
import { ErrorNote, Loading, Section } from '../ui';
import { DownloadButtons } from '../downloads';
import { ProposalItem, awaitsCourt } from './proposals';

const POLL_MS = 15_000;
const CLASSIFICATIONS = ['COMPLIANT', 'HONEST_IN_DIFFICULTY', 'UNABLE', 'EVASIVE'] as const;

const WorkbenchQuery = graphql(`
  query Workbench($code: ID!) {
    division(code: $code) {
      code
      name
      level
      cases(filter: { open: true }, first: 30) {
        totalCount
        nodes {
          id
          caseNumber
          state
          outstandingFen
          primaryObligor {
            id
            name
            creditProfile {
              classification
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
        }
      }
    }
    tasks(filter: { divisionCode: $code, status: [OPEN, IN_PROGRESS] }, first: 30) {
      edges {
        node {
          id
          type
          title
          status
          dueAt
          overdue
          case {
            id
            caseNumber
          }
          obligor {
            name
          }
        }
      }
    }
  }
`);

// What happens in the division (cases routed, tasks opened or completed, meetings, payments) pushes a refresh.
const ActivitySubscription = graphql(`
  subscription WorkbenchActivity($code: ID!) {
    divisionActivity(divisionCode: $code) {
      eventId
      kind
    }
  }
`);

const MeetingsQuery = graphql(`
  query WorkbenchMeetings($village: ID!) {
    meetings(villageCode: $village, first: 5) {
      edges {
        node {
          id
          title
          venue
          scheduledAt
          status
          figures {
            invited
            attended
            paidInFull
          }
          invitees {
            partyName
            outcome
            party {
              id
            }
            case {
              id
              caseNumber
            }
          }
        }
      }
    }
  }
`);

const MyTasksQuery = graphql(`
  query MyTasks {
    myTasks(status: [OPEN, IN_PROGRESS], first: 30) {
      edges {
        node {
          id
          type
          title
          status
          dueAt
          overdue
        }
      }
    }
  }
`);

const CompleteTask = graphql(`
  mutation CompleteTask($input: CompleteTaskInput!) {
    completeTask(input: $input) {
      id
      status
    }
  }
`);

const SubmitFeedback = graphql(`
  mutation SubmitWhereaboutsFeedback($input: WhereaboutsFeedbackInput!) {
    submitWhereaboutsFeedback(input: $input) {
      id
    }
  }
`);

const ScheduleMeeting = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);

const RecordOutcome = graphql(`
  mutation RecordMeetingOutcome($input: MeetingOutcomeInput!) {
    recordMeetingOutcome(input: $input) {
      id
    }
  }
`);

type TaskRow = Pick<WorkbenchQuery['tasks']['edges'][number]['node'], 'id' | 'type' | 'title'>;

function TaskForm({ task, done }: { task: TaskRow; done(): void }) {
  const { t, te } = useT();
  const locating = task.type === 'LOCATE_PERSON' || task.type === 'FIND_ASSETS';
  const complete = useMutation(CompleteTask);
  const feedback = useMutation(SubmitFeedback);
  const [outcome, setOutcome] = useState<TaskResultOutcome>('ACCOMPLISHED');
  const [summary, setSummary] = useState('');
  const [contact, setContact] = useState(true);
  const [found, setFound] = useState(true);
  const [whereabouts, setWhereabouts] = useState('');
  const [seen, setSeen] = useState({ realEstate: false, vehicles: false, deposits: false, business: false });
  const submit = async () => {
    const ok = locating
      ? await feedback.run({
          input: {
            taskId: task.id,
            found,
            whereabouts: whereabouts || null,
            assets: {
              realEstate: { seen: seen.realEstate },
              vehicles: { seen: seen.vehicles },
              deposits: { seen: seen.deposits },
              business: { seen: seen.business },
            },
            notes: summary || null,
          },
        })
      : await complete.run({ input: { id: task.id, outcome, summary, contactMade: contact } });
    if (ok) done();
  };
  const formId = `task-${task.id}`;
  return (
    <form
      className="task-form"
      aria-label={locating ? t('workbench.feedback') : t('workbench.complete')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {locating ? (
        <>
          <label>
            <input type="checkbox" checked={found} onChange={(e) => setFound(e.target.checked)} /> {t('form.found')}
          </label>
          <label>
            {t('form.whereabouts')}
            <input id={`${formId}-where`} value={whereabouts} onChange={(e) => setWhereabouts(e.target.value)} />
          </label>
          <fieldset>
            {(['realEstate', 'vehicles', 'deposits', 'business'] as const).map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={seen[k]}
                  onChange={(e) => setSeen({ ...seen, [k]: e.target.checked })}
                />{' '}
                {t(`form.${k}`)}
              </label>
            ))}
          </fieldset>
        </>
      ) : (
        <>
          <label>
            {t('form.outcome')}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as TaskResultOutcome)}>
              {(['ACCOMPLISHED', 'PARTIAL', 'NOT_ACCOMPLISHED'] as const).map((o) => (
                <option key={o} value={o}>
                  {te(o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={contact} onChange={(e) => setContact(e.target.checked)} />{' '}
            {t('form.contactMade')}
          </label>
        </>
      )}
      <label>
        {locating ? t('form.notes') : t('form.summary')}
        <textarea name="summary" value={summary} onChange={(e) => setSummary(e.target.value)} rows={2} />
      </label>
      <ErrorNote error={complete.error ?? feedback.error} />
      <button type="submit" disabled={complete.pending || feedback.pending}>
        {t('common.submit')}
      </button>
    </form>
  );
}

function Meetings({ village }: { village: string }) {
  const { t, te } = useT();
  const meetings = useQuery(MeetingsQuery, { village }, { pollMs: POLL_MS });
  const schedule = useMutation(ScheduleMeeting);
  const record = useMutation(RecordOutcome);
  const [title, setTitle] = useState('');
  const [venue, setVenue] = useState('');
  const [when, setWhen] = useState('');
  return (
    <Section id="meetings" title={t('workbench.meetings')}>
      <ErrorNote error={meetings.error} />
      {meetings.data?.meetings.edges.map(({ node: m }) => (
        <div key={m.id} className="meeting">
          <h3>
            {m.title} · {m.venue} · {dateTime(m.scheduledAt)} · {te(m.status)}
          </h3>
          <p className="muted">
            {t('workbench.invited', { i: m.figures.invited, a: m.figures.attended, p: m.figures.paidInFull })}
          </p>
          <DownloadButtons
            list="meeting-invitations"
            params={{ meetingId: m.id }}
            label={`${t('download.invitations')} ${m.title}`}
          />
          <ul className="plain">
            {m.invitees.map((inv) => (
              <li key={`${inv.party.id}-${inv.case.id}`}>
                {inv.partyName} · {inv.case.caseNumber} · {te(inv.outcome)}
                {m.status === 'SCHEDULED' && !inv.outcome && (
                  <select
                    aria-label={`${t('workbench.recordOutcome')} ${inv.partyName ?? ''}`}
                    defaultValue=""
                    onChange={(e) =>
                      void record
                        .run({
                          input: {
                            meetingId: m.id,
                            partyId: inv.party.id,
                            caseId: inv.case.id,
                            outcome: e.target.value as EnforcementMeetingOutcome,
                          },
                        })
                        .then((ok) => ok && meetings.refetch())
                    }
                  >
                    <option value="" disabled>
                      {t('workbench.recordOutcome')}
                    </option>
                    {(['DECLARATION_FILED', 'ABSENT', 'REFUSED'] as const).map((o) => (
                      <option key={o} value={o}>
                        {te(o)}
                      </option>
                    ))}
                  </select>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <ErrorNote error={record.error ?? schedule.error} />
      <form
        className="inline-form"
        aria-label={t('workbench.schedule')}
        onSubmit={(e) => {
          e.preventDefault();
          void schedule
            .run({ input: { villageCode: village, title, venue, scheduledAt: new Date(when).toISOString() } })
            .then((ok) => ok && meetings.refetch());
        }}
      >
        <label>
          {t('workbench.meetingTitle')}
          <input required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('workbench.venue')}
          <input required value={venue} onChange={(e) => setVenue(e.target.value)} />
        </label>
        <label>
          {t('workbench.when')}
          <input required type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <button type="submit" disabled={schedule.pending}>
          {t('workbench.schedule')}
        </button>
      </form>
    </Section>
  );
}

// A department reads its tasks but not their cases (docs/access.md), so case and obligor may be absent.
type ListedTask = Omit<WorkbenchQuery['tasks']['edges'][number]['node'], 'case' | 'obligor' | 'status'> &
  Partial<Pick<WorkbenchQuery['tasks']['edges'][number]['node'], 'case' | 'obligor'>>;

function TaskList({ tasks, onDone }: { tasks: ListedTask[]; onDone(title: string): void }) {
  const { t, te } = useT();
  const [openForm, setOpenForm] = useState<string>();
  return (
    <Section id="tasks" title={`${t('workbench.tasks')} (${tasks.length})`}>
      <ul className="plain tasks">
        {tasks.map((task) => (
          <li key={task.id} className={task.overdue ? 'overdue' : ''} data-task={task.id}>
            <div>
              <strong>{task.title}</strong> · {te(task.type)} · {task.obligor?.name ?? ''}{' '}
              {task.case && <Link to={`/case/${task.case.id}`}>{task.case.caseNumber}</Link>}
            </div>
            <div className="muted small">
              {t('workbench.due')} {dateTime(task.dueAt)}{' '}
              {task.overdue && <span className="badge">{t('workbench.overdue')}</span>}
            </div>
            {openForm === task.id ? (
              <TaskForm
                task={task}
                done={() => {
                  setOpenForm(undefined);
                  onDone(task.title);
                }}
              />
            ) : (
              <button type="button" onClick={() => setOpenForm(task.id)}>
                {task.type === 'LOCATE_PERSON' || task.type === 'FIND_ASSETS'
                  ? t('workbench.feedback')
                  : t('workbench.complete')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** A county department's own tasks (assigned to it or to its staff), worked with the same forms. */
function DepartmentTasks() {
  const { t } = useT();
  const q = useQuery(MyTasksQuery, {}, { pollMs: POLL_MS });
  const [completed, setCompleted] = useState<string[]>([]);
  return (
    <article>
      <h1>{t('workbench.myTasks')}</h1>
      <ErrorNote error={q.error} />
      <Loading when={q.loading && !q.data} />
      {completed.length > 0 && (
        <p role="status" className="ok">
          {t('workbench.completed')}: {completed.join('、')}
        </p>
      )}
      <TaskList
        tasks={q.data?.myTasks.edges.map((e) => e.node) ?? []}
        onDone={(title) => {
          setCompleted((c) => [...c, title]);
          q.refetch();
        }}
      />
    </article>
  );
}

export default function WorkbenchPage() {
  const { t, te } = useT();
  const session = useSession();
  const code = session?.divisionCode;
  const activity = useSubscription(ActivitySubscription, { code: code ?? '' }, { skip: !code });
  const data = useQuery(
    WorkbenchQuery,
    { code: code ?? '' },
    { pollMs: activity.live ? undefined : POLL_MS, skip: !code, refreshKey: activity.tick },
  );
  const [completed, setCompleted] = useState<string[]>([]);
  const [classification, setClassification] = useState('');
  const done = (title: string) => {
    setCompleted((c) => [...c, title]);
    data.refetch();
  };
  if (hasRole(session, ['COUNTY_DEPARTMENT']) && !hasRole(session, WORKBENCH_ROLES)) return <DepartmentTasks />;
  if (!code) return <p>{t('workbench.noScope')}</p>;
  const d = data.data?.division;
  const tasks = data.data?.tasks.edges.map((e) => e.node) ?? [];
  const awaiting = (d?.cases.nodes ?? []).flatMap((c) => c.proposals.filter(awaitsCourt).map((p) => ({ c, p })));
  return (
    <article>
      <h1>{t('workbench.title', { name: d?.name ?? code })}</h1>
      <p className="muted small" data-live={activity.live ? 'ws' : 'poll'}>
        {activity.live ? t('cockpit.live') : t('common.updated', { s: POLL_MS / 1000 })}
      </p>
      <ErrorNote error={data.error} />
      <Loading when={data.loading && !data.data} />
      {completed.length > 0 && (
        <p role="status" className="ok">
          {t('workbench.completed')}: {completed.join('、')}
        </p>
      )}
      <div className="grid">
        {hasRole(session, ['ENFORCEMENT_OFFICER']) && awaiting.length > 0 && (
          <Section id="awaiting" title={t('cf.awaiting')}>
            <ul className="plain">
              {awaiting.map(({ c, p }) => (
                <li key={p.id}>
                  <Link to={`/case/${c.id}`}>{c.caseNumber}</Link> · {c.primaryObligor.name}
                  <ul className="plain">
                    <ProposalItem p={p} role="court" onChange={data.refetch} />
                  </ul>
                </li>
              ))}
            </ul>
          </Section>
        )}
        <TaskList tasks={tasks} onDone={done} />
        <Section id="cases" title={`${t('workbench.cases')} (${d?.cases.totalCount ?? 0})`}>
          <DownloadButtons list="open-cases" params={{ divisionCode: code }} label={t('download.openCases')} />
          <div className="toolbar">
            <label>
              {t('download.classification')}
              <select value={classification} onChange={(e) => setClassification(e.target.value)}>
                <option value="">{t('download.all')}</option>
                {CLASSIFICATIONS.map((k) => (
                  <option key={k} value={k}>
                    {te(k)}
                  </option>
                ))}
              </select>
            </label>
            <DownloadButtons
              list="obligors"
              params={{ divisionCode: code, classification: classification || undefined }}
              label={t('download.obligors')}
            />
          </div>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('board.caseNumber')}</th>
                  <th scope="col">{t('workbench.obligor')}</th>
                  <th scope="col">{t('workbench.credit')}</th>
                  <th scope="col">{t('case.outstanding')}</th>
                </tr>
              </thead>
              <tbody>
                {d?.cases.nodes.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/case/${c.id}`}>{c.caseNumber}</Link>
                      <div className="muted small">{te(c.state)}</div>
                    </td>
                    <td>{c.primaryObligor.name}</td>
                    <td>{te(c.primaryObligor.creditProfile?.classification)}</td>
                    <td>{yuan(c.outstandingFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
        {d?.level === 'VILLAGE' && <Meetings village={code} />}
      </div>
    </article>
  );
}
