/**
 * The county cockpit (数字驾驶舱): a division's KPIs for a month, its townships (or villages) ranked,
 * the monthly series, dispute types, open warnings and judicial suggestions. Drill down by picking a
 * ranked division. Figures refresh by polling; warnings arrive live (`warningRaised`), polled only while
 * the socket is down. A county department sees the figures, not the warnings or suggestions.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { graphql } from '../generated';
import { useMutation, useQuery, useSubscription } from '../api';
import { COUNTY_READERS, WORKBENCH_ROLES, hasRole, useSession } from '../auth';
import { useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { percent, today, yuan } from '../format';
import { ErrorNote, Loading, Section } from '../ui';

const Chart = lazy(() => import('../chart'));
const POLL_MS = 15_000;

const StatsQuery = graphql(`
  query CockpitStats($code: ID!, $period: MetricsPeriodInput!) {
    division(code: $code) {
      code
      name
      level
      parent {
        code
        name
      }
    }
    divisionStats(code: $code, period: $period) {
      voluntaryPerformanceRate
      completionRate
      averageDaysToClose
      amountRecoveredFen
      urgingsStarted
      urgingsPerformed
      repaymentsAfterExposure
      revivedCases
      revivedRecoveredFen
      current {
        openCases
        dishonestyRate
        openTasks
        overdueTasks
      }
    }
  }
`);

const RankingQuery = graphql(`
  query CockpitRanking($code: ID!, $period: MetricsPeriodInput!, $from: Date!, $to: Date!) {
    divisionRanking(parentCode: $code, kpi: COMPLETION_RATE, period: $period) {
      rank
      value
      division {
        code
        name
      }
    }
    divisionSeries(code: $code, kpi: AMOUNT_RECOVERED_FEN, from: $from, to: $to, granularity: MONTH) {
      start
      value
    }
    disputeStats(code: $code, period: $period) {
      causeCategory
      cases
    }
  }
`);

const DishonestyQuery = graphql(`
  query CockpitDishonesty($code: ID!, $period: MetricsPeriodInput!) {
    division(code: $code) {
      code
      children {
        code
        name
        stats(period: $period) {
          current {
            dishonestyRate
            activeListings
          }
        }
      }
    }
  }
`);

const WarningsQuery = graphql(`
  query CockpitWarnings($code: ID) {
    warnings(status: OPEN, divisionCode: $code, first: 20) {
      nodes {
        id
        metric
        threshold
        lastValue
        raisedAt
        acknowledgedAt
        acknowledgementNote
        division {
          code
          name
        }
      }
    }
  }
`);

const WarningRaisedSubscription = graphql(`
  subscription CockpitWarningRaised($code: ID!) {
    warningRaised(divisionCode: $code) {
      eventId
      warning {
        id
      }
    }
  }
`);

const SuggestionsQuery = graphql(`
  query CockpitSuggestions {
    judicialSuggestions(first: 10) {
      nodes {
        id
        title
        targetDepartment
        status
      }
    }
  }
`);

function monthsBack(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
}

export default function CockpitPage() {
  const { t, te } = useT();
  const session = useSession();
  const { query } = useLocation();
  const code = query.get('division') ?? session?.divisionCode ?? '330522';
  const [month, setMonth] = useState(today().slice(0, 7));
  const period = useMemo(() => ({ kind: 'MONTH' as const, date: `${month}-01` }), [month]);
  const stats = useQuery(StatsQuery, { code, period }, { pollMs: POLL_MS });
  const level = stats.data?.division?.level;
  const ranking = useQuery(
    RankingQuery,
    { code, period, from: monthsBack(11), to: today() },
    { pollMs: POLL_MS, skip: level === 'VILLAGE' },
  );
  // Warnings are the court's and the divisions' work: a county department reads the figures only.
  const readsWarnings = hasRole(session, [...COUNTY_READERS, ...WORKBENCH_ROLES]);
  const raised = useSubscription(WarningRaisedSubscription, { code }, { skip: !readsWarnings });
  const warnings = useQuery(
    WarningsQuery,
    { code },
    { pollMs: raised.live ? undefined : POLL_MS, skip: !readsWarnings, refreshKey: raised.tick },
  );
  // Judicial suggestions are the county's (admin and judge); the township and village teams see none.
  const suggestions = useQuery(SuggestionsQuery, {}, { pollMs: POLL_MS, skip: !hasRole(session, COUNTY_READERS) });
  const dishonesty = useQuery(DishonestyQuery, { code, period }, { pollMs: POLL_MS, skip: level === 'VILLAGE' });
  const s = stats.data?.divisionStats;
  const d = stats.data?.division;
  const ranked = ranking.data?.divisionRanking ?? [];
  const rankLabels = useMemo(() => ranked.map((r) => r.division.name), [ranked]);
  const rankValues = useMemo(() => ranked.map((r) => (r.value == null ? null : +(r.value * 100).toFixed(1))), [ranked]);
  const series = ranking.data?.divisionSeries ?? [];
  const seriesLabels = useMemo(() => series.map((p) => p.start.slice(0, 7)), [series]);
  const seriesValues = useMemo(() => series.map((p) => (p.value == null ? null : p.value / 100)), [series]);
  const drill = (c: string) => navigate(`/cockpit?division=${c}`);

  const kpis: [string, string][] = s
    ? [
        [t('cockpit.kpi.voluntary'), percent(s.voluntaryPerformanceRate)],
        [t('cockpit.kpi.completion'), percent(s.completionRate)],
        [t('cockpit.kpi.days'), s.averageDaysToClose == null ? '—' : s.averageDaysToClose.toFixed(1)],
        [t('cockpit.kpi.recovered'), yuan(s.amountRecoveredFen)],
        [t('cockpit.kpi.urged'), `${s.urgingsPerformed} / ${s.urgingsStarted}`],
        [t('cockpit.kpi.cameForward'), String(s.repaymentsAfterExposure)],
        [t('cockpit.kpi.revived'), String(s.revivedCases)],
        [t('cockpit.kpi.revivedRecovered'), yuan(s.revivedRecoveredFen)],
        [t('cockpit.kpi.openCases'), String(s.current.openCases)],
        [t('cockpit.kpi.dishonesty'), percent(s.current.dishonestyRate)],
      ]
    : [];

  return (
    <article>
      <h1>
        {t('cockpit.title')}
        {d ? ` · ${d.name}` : ''}
      </h1>
      <div className="toolbar">
        <label>
          {t('cockpit.period')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        {d?.parent && (
          <button type="button" onClick={() => drill(d.parent!.code)}>
            {t('cockpit.up')}: {d.parent.name}
          </button>
        )}
        <span className="muted small">{t('common.updated', { s: POLL_MS / 1000 })}</span>
      </div>
      <ErrorNote error={stats.error} />
      <Loading when={stats.loading && !s} />
      <dl className="kpis">
        {kpis.map(([k, v]) => (
          <div key={k} className="kpi">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="grid">
        {level !== 'VILLAGE' && (
          <Section
            id="ranking"
            title={t('cockpit.ranking', { level: te(level === 'COUNTY' ? 'TOWNSHIP' : 'VILLAGE') })}
          >
            <ErrorNote error={ranking.error} />
            <Suspense fallback={<Loading when />}>
              {ranked.length > 0 && (
                <Chart
                  kind="bar"
                  labels={rankLabels}
                  values={rankValues}
                  label={t('cockpit.ranking', { level: '' })}
                  onPick={(i) => drill(ranked[i]!.division.code)}
                />
              )}
            </Suspense>
            <ol className="ranking">
              {ranked.map((r) => (
                <li key={r.division.code}>
                  <Link to={`/cockpit?division=${r.division.code}`}>
                    {r.division.name} {percent(r.value)}
                  </Link>
                </li>
              ))}
            </ol>
          </Section>
        )}
        {level !== 'VILLAGE' && (
          <Section id="series" title={t('cockpit.series')}>
            <Suspense fallback={<Loading when />}>
              {series.length > 0 && (
                <Chart kind="line" labels={seriesLabels} values={seriesValues} label={t('cockpit.series')} />
              )}
            </Suspense>
            <h3>{t('cockpit.dishonestyBy')}</h3>
            <ErrorNote error={dishonesty.error} />
            <ul className="plain" id="dishonesty">
              {dishonesty.data?.division?.children
                .filter((x) => x.stats?.current.activeListings)
                .map((x) => (
                  <li key={x.code}>
                    {x.name}: {percent(x.stats?.current.dishonestyRate)} ({x.stats?.current.activeListings})
                  </li>
                ))}
            </ul>
            <h3>{t('cockpit.disputes')}</h3>
            <ul className="plain">
              {ranking.data?.disputeStats.map((x) => (
                <li key={x.causeCategory}>
                  {te(x.causeCategory)}: {x.cases}
                </li>
              ))}
            </ul>
          </Section>
        )}
        {readsWarnings ? (
          <Section id="warnings" title={t('cockpit.warnings')}>
            <p className="muted small" data-live={raised.live ? 'ws' : 'poll'}>
              {raised.live ? t('cockpit.live') : t('common.updated', { s: POLL_MS / 1000 })}
            </p>
            <ErrorNote error={warnings.error} />
            {warnings.data?.warnings.nodes.length === 0 && <p className="muted">{t('common.none')}</p>}
            <ul className="plain">
              {warnings.data?.warnings.nodes.map((w) => (
                <li key={w.id} data-warning={w.id}>
                  <strong>{w.division.name}</strong> {te(w.metric)} —{' '}
                  {t('cockpit.threshold', { t: w.threshold, v: w.lastValue })}
                  {w.acknowledgedAt ? (
                    <p className="small">
                      {t('cockpit.acknowledged')}: {w.acknowledgementNote}
                    </p>
                  ) : (
                    <AcknowledgeWarning id={w.id} onDone={warnings.refetch} />
                  )}
                  <ResolveWarning id={w.id} onDone={warnings.refetch} />
                </li>
              ))}
            </ul>
            <p className="muted small">{t('cockpit.warningsNote')}</p>
            <h3>{t('cockpit.suggestions')}</h3>
            <ErrorNote error={suggestions.error} />
            <ul className="plain">
              {suggestions.data?.judicialSuggestions.nodes.map((j) => (
                <li key={j.id}>
                  {j.title} · {j.targetDepartment} · {te(j.status)}
                </li>
              ))}
            </ul>
          </Section>
        ) : (
          <p className="muted small" id="department-note">
            {t('cockpit.departmentNote')}
          </p>
        )}
      </div>
    </article>
  );
}

const AcknowledgeMutation = graphql(`
  mutation AcknowledgeWarning($id: ID!, $note: String!) {
    acknowledgeWarning(id: $id, note: $note) {
      id
      acknowledgedAt
      acknowledgementNote
    }
  }
`);

/** "I have seen it, this is being done": the note is kept on the warning, which resolves when its metric recovers. */
function AcknowledgeWarning({ id, onDone }: { id: string; onDone: () => unknown }) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const ack = useMutation(AcknowledgeMutation);
  return (
    <form
      className="inline"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await ack.run({ id, note })) onDone();
      }}
    >
      <label>
        {t('cockpit.acknowledgeNote')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} required />
      </label>
      <button type="submit" disabled={ack.pending || !note.trim()}>
        {t('cockpit.acknowledge')}
      </button>
      <ErrorNote error={ack.error} />
    </form>
  );
}

const ResolveMutation = graphql(`
  mutation ResolveWarning($id: ID!, $note: String!) {
    resolveWarning(id: $id, note: $note) {
      id
      status
      resolutionNote
    }
  }
`);

/**
 * "Dealt with, close it": the warning resolves now, and its rule stays quiet in the division until the
 * metric has recovered once (docs/adr/0015-hand-resolved-warnings.md).
 */
function ResolveWarning({ id, onDone }: { id: string; onDone: () => unknown }) {
  const { t } = useT();
  const [note, setNote] = useState('');
  const resolve = useMutation(ResolveMutation);
  return (
    <form
      className="inline"
      data-action="resolve"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await resolve.run({ id, note })) onDone();
      }}
    >
      <label>
        {t('cockpit.resolveNote')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </label>
      <button type="submit" disabled={resolve.pending}>
        {t('cockpit.resolve')}
      </button>
      <ErrorNote error={resolve.error} />
    </form>
  );
}
