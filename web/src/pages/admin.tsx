/**
 * Admin: judge performance rule sets. The active set and a draft side by side, the what-if simulation
 * of the draft against the active set per judge (changes nothing), then activation with a reason,
 * which recomputes every score from the facts. The warning rules are listed below.
 */
import { useEffect, useState } from 'react';
import { graphql } from '../generated';
import type { MetricsCaseOutcome } from '../generated/graphql';
import { useMutation, useQuery } from '../api';
import { useT } from '../i18n';
import { today } from '../format';
import { ErrorNote, Loading, Section } from '../ui';

const RuleSetsQuery = graphql(`
  query AdminRuleSets {
    activePerformanceRuleSet {
      id
      version
      name
      effectiveFrom
      weights {
        outcome
        weight
      }
    }
    performanceRuleSets(status: DRAFT) {
      id
      version
      name
      weights {
        outcome
        weight
      }
    }
    warningRules {
      id
      name
      metric
      comparison
      threshold
      divisionLevel
      windowDays
      enabled
    }
  }
`);

const CreateWarningRule = graphql(`
  mutation CreateWarningRule($input: WarningRuleInput!) {
    createWarningRule(input: $input) {
      id
    }
  }
`);

const UpdateWarningRule = graphql(`
  mutation UpdateWarningRule($id: ID!, $input: WarningRuleInput!) {
    updateWarningRule(id: $id, input: $input) {
      id
    }
  }
`);

const SimulateQuery = graphql(`
  query SimulateRuleSet($id: ID!) {
    simulatePerformanceRuleSet(id: $id) {
      judge {
        id
        name
      }
      rawCount
      activeScore
      draftScore
      difference
    }
  }
`);

const CreateRuleSet = graphql(`
  mutation CreatePerformanceRuleSet($input: CreatePerformanceRuleSetInput!) {
    createPerformanceRuleSet(input: $input) {
      id
    }
  }
`);

const ActivateRuleSet = graphql(`
  mutation ActivatePerformanceRuleSet($id: ID!, $reason: String!) {
    activatePerformanceRuleSet(id: $id, reason: $reason) {
      id
      version
      status
    }
  }
`);

export default function AdminPage() {
  const { t, te } = useT();
  const sets = useQuery(RuleSetsQuery, {});
  const create = useMutation(CreateRuleSet);
  const activate = useMutation(ActivateRuleSet);
  const active = sets.data?.activePerformanceRuleSet;
  const drafts = sets.data?.performanceRuleSets ?? [];
  const [draftId, setDraftId] = useState<string>();
  const [name, setName] = useState('');
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [activated, setActivated] = useState<number>();
  useEffect(() => {
    if (active && Object.keys(weights).length === 0)
      setWeights(Object.fromEntries(active.weights.map((w) => [w.outcome, String(w.weight)])));
  }, [active, weights]);
  useEffect(() => {
    if (!draftId && drafts[0]) setDraftId(drafts[0].id);
  }, [drafts, draftId]);
  const simulation = useQuery(SimulateQuery, { id: draftId ?? '' }, { skip: !draftId });
  const [editing, setEditing] = useState<string>();
  const [ruleSaved, setRuleSaved] = useState<string>();
  const draft = drafts.find((d) => d.id === draftId);

  return (
    <article>
      <h1>{t('admin.title')}</h1>
      <ErrorNote error={sets.error} />
      <Loading when={sets.loading && !active} />
      {activated != null && (
        <p role="status" className="ok">
          {t('admin.activated', { v: activated })}
        </p>
      )}
      <div className="grid two">
        <Section id="active" title={`${t('admin.active')}${active ? ` · v${active.version} ${active.name}` : ''}`}>
          <table>
            <tbody>
              {active?.weights.map((w) => (
                <tr key={w.outcome}>
                  <th scope="row">{te(w.outcome)}</th>
                  <td>{w.weight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section id="draft" title={t('admin.draft')}>
          <form
            aria-label={t('admin.draft')}
            onSubmit={(e) => {
              e.preventDefault();
              void create
                .run({
                  input: {
                    name,
                    effectiveFrom: today(),
                    weights: Object.entries(weights).map(([outcome, w]) => ({
                      outcome: outcome as MetricsCaseOutcome,
                      weight: Number(w),
                    })),
                  },
                })
                .then((r) => {
                  if (!r) return;
                  setDraftId(r.createPerformanceRuleSet.id);
                  sets.refetch();
                });
            }}
          >
            <label>
              {t('admin.name')}
              <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            {Object.entries(weights).map(([outcome, w]) => (
              <label key={outcome}>
                {te(outcome)} {t('admin.weight')}
                <input
                  type="number"
                  step="0.1"
                  min="0"
                  name={`weight-${outcome}`}
                  value={w}
                  onChange={(e) => setWeights({ ...weights, [outcome]: e.target.value })}
                />
              </label>
            ))}
            <ErrorNote error={create.error} />
            <button type="submit" disabled={create.pending}>
              {t('admin.create')}
            </button>
          </form>
        </Section>
      </div>
      <Section id="simulation" title={`${t('admin.simulate')}${draft ? ` · v${draft.version} ${draft.name}` : ''}`}>
        {drafts.length > 0 && (
          <label>
            {t('admin.drafts')}
            <select value={draftId ?? ''} onChange={(e) => setDraftId(e.target.value)}>
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>
                  v{d.version} {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ErrorNote error={simulation.error} />
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.judge')}</th>
                <th scope="col">{t('admin.raw')}</th>
                <th scope="col">{t('admin.activeScore')}</th>
                <th scope="col">{t('admin.draftScore')}</th>
                <th scope="col">{t('admin.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {simulation.data?.simulatePerformanceRuleSet.map((r) => (
                <tr key={r.judge.id}>
                  <td>{r.judge.name}</td>
                  <td>{r.rawCount}</td>
                  <td>{r.activeScore}</td>
                  <td>{r.draftScore}</td>
                  <td>{r.difference > 0 ? `+${r.difference}` : r.difference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {draft && (
          <form
            className="inline-form"
            aria-label={t('admin.activate')}
            onSubmit={(e) => {
              e.preventDefault();
              void activate.run({ id: draft.id, reason }).then((r) => {
                if (!r) return;
                setActivated(r.activatePerformanceRuleSet.version);
                setDraftId(undefined);
                setWeights({});
                sets.refetch();
              });
            }}
          >
            <label>
              {t('admin.reason')}
              <input required value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <ErrorNote error={activate.error} />
            <button type="submit" disabled={activate.pending}>
              {t('admin.activate')}
            </button>
          </form>
        )}
      </Section>
      <Section id="warning-rules" title={t('admin.warningRules')}>
        {ruleSaved && (
          <p role="status" className="ok">
            {t('admin.ruleSaved', { name: ruleSaved })}
          </p>
        )}
        <ul className="plain">
          {sets.data?.warningRules.map((r) => (
            <li key={r.id} data-rule={r.id}>
              {r.name} · {te(r.metric)} {COMPARISONS[r.comparison]} {r.threshold} · {te(r.divisionLevel)} ·{' '}
              {r.enabled ? '✓' : '✗'}{' '}
              {editing === r.id ? (
                <WarningRuleForm
                  rule={r}
                  onDone={(n) => {
                    setEditing(undefined);
                    setRuleSaved(n);
                    sets.refetch();
                  }}
                />
              ) : (
                <button type="button" className="link" onClick={() => setEditing(r.id)}>
                  {t('admin.ruleEdit')}
                  <span className="sr-only"> {r.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
        <h3>{t('admin.ruleNew')}</h3>
        <WarningRuleForm
          onDone={(n) => {
            setRuleSaved(n);
            sets.refetch();
          }}
        />
      </Section>
    </article>
  );
}

const METRICS = [
  'COMPLETION_RATE',
  'ACTUAL_ENFORCEMENT_RATE',
  'OVERDUE_TASKS',
  'PARTNER_ACKS_OVERDUE',
  'LISTINGS_RISING',
  'DISHONESTY_RATE',
] as const;
const COMPARISONS = { LT: '<', LTE: '≤', GT: '>', GTE: '≥' } as const;
const LEVELS = ['COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;

interface RuleFields {
  id?: string;
  name: string;
  metric: (typeof METRICS)[number];
  comparison: keyof typeof COMPARISONS;
  threshold: number;
  divisionLevel: (typeof LEVELS)[number];
  windowDays: number;
  enabled: boolean;
}

const NEW_RULE: RuleFields = {
  name: '',
  metric: 'OVERDUE_TASKS',
  comparison: 'GT',
  threshold: 5,
  divisionLevel: 'TOWNSHIP',
  windowDays: 30,
  enabled: true,
};

/**
 * A warning rule, new or changed (admin): the server checks it (a rate's threshold between 0 and 1, a
 * count's not negative, the window) and its answer is shown, naming the field, in the reader's language.
 */
function WarningRuleForm({ rule, onDone }: { rule?: RuleFields; onDone(name: string): void }) {
  const { t, te } = useT();
  const create = useMutation(CreateWarningRule);
  const update = useMutation(UpdateWarningRule);
  const [f, setF] = useState({
    ...(rule ?? NEW_RULE),
    threshold: String((rule ?? NEW_RULE).threshold),
    windowDays: String((rule ?? NEW_RULE).windowDays),
  });
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const error = rule ? update.error : create.error;
  const pending = rule ? update.pending : create.pending;
  return (
    <form
      className="inline-form"
      aria-label={rule ? t('admin.ruleEditing', { name: rule.name }) : t('admin.ruleNew')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const input = {
          name: f.name,
          metric: f.metric,
          comparison: f.comparison,
          threshold: Number(f.threshold),
          divisionLevel: f.divisionLevel,
          windowDays: Number(f.windowDays),
          enabled: f.enabled,
        };
        void (rule?.id ? update.run({ id: rule.id, input }) : create.run({ input })).then((r) => {
          if (!r) return;
          if (!rule)
            setF({ ...NEW_RULE, threshold: String(NEW_RULE.threshold), windowDays: String(NEW_RULE.windowDays) });
          onDone(input.name);
        });
      }}
    >
      <label>
        {t('admin.ruleName')}
        <input value={f.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} />
      </label>
      <label>
        {t('admin.ruleMetric')}
        <select value={f.metric} onChange={(e) => set({ metric: e.target.value as RuleFields['metric'] })}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {te(m)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.ruleComparison')}
        <select value={f.comparison} onChange={(e) => set({ comparison: e.target.value as RuleFields['comparison'] })}>
          {Object.entries(COMPARISONS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.ruleThreshold')}
        <input inputMode="decimal" value={f.threshold} onChange={(e) => set({ threshold: e.target.value })} />
      </label>
      <label>
        {t('admin.ruleLevel')}
        <select
          value={f.divisionLevel}
          onChange={(e) => set({ divisionLevel: e.target.value as RuleFields['divisionLevel'] })}
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {te(l)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.ruleWindow')}
        <input type="number" min={1} value={f.windowDays} onChange={(e) => set({ windowDays: e.target.value })} />
      </label>
      <label>
        <input type="checkbox" checked={f.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t('admin.ruleEnabled')}
      </label>
      <ErrorNote error={error} />
      <button type="submit" disabled={pending}>
        {rule ? t('admin.ruleSave') : t('admin.ruleCreate')}
      </button>
    </form>
  );
}
