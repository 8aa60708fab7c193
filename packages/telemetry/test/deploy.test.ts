import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { registry } from '../src';

const deploy = path.resolve(__dirname, '../../../deploy');
const read = (file: string) => readFileSync(path.join(deploy, file), 'utf8');

/** Every sample name this process exports: histograms and summaries also as their _bucket, _sum, _count. */
async function exported(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const m of await registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram' || String(m.type) === 'summary')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(m.name + suffix);
  }
  return names;
}

/** The product's series an expression names (every one of ours starts zhiyuan_). */
const seriesIn = (expr: string) => [...new Set(expr.match(/\bzhiyuan_[a-z0-9_]+/g) ?? [])];

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('the dashboards and alert rules under deploy/', () => {
  it('has a Grafana dashboard whose every panel queries series this code exports', async () => {
    const names = await exported();
    const dashboard = JSON.parse(read('grafana/dashboards/zhiyuan.json')) as {
      uid: string;
      title: string;
      panels: { id: number; title: string; type: string; targets: { refId: string; expr: string }[] }[];
    };
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.panels.length).toBeGreaterThan(0);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect({ panel: panel.title, type: typeof panel.type, targets: panel.targets.length > 0 }).toEqual({
        panel: panel.title,
        type: 'string',
        targets: true,
      });
      for (const t of panel.targets) {
        const series = seriesIn(t.expr);
        expect({ panel: panel.title, names: series.length > 0 }).toEqual({ panel: panel.title, names: true });
        expect({ panel: panel.title, unknown: series.filter((s) => !names.has(s)) }).toEqual({
          panel: panel.title,
          unknown: [],
        });
        expect(balanced(t.expr)).toBe(true);
      }
    }
  });

  it('shows every series the issue names on the dashboard', () => {
    const text = read('grafana/dashboards/zhiyuan.json');
    for (const name of [
      'zhiyuan_graphql_requests_total',
      'zhiyuan_graphql_request_duration_seconds_bucket',
      'zhiyuan_subgraph_fetch_duration_seconds_bucket',
      'zhiyuan_response_cache_requests_total',
      'zhiyuan_outbox_backlog',
      'zhiyuan_outbox_oldest_age_seconds',
      'zhiyuan_consumer_lag_seconds',
      'zhiyuan_consumer_redeliveries_total',
      'zhiyuan_dead_letters_total',
      'zhiyuan_sms_queue_depth',
      'zhiyuan_nodejs_eventloop_lag_seconds',
      'zhiyuan_db_pool_connections',
    ])
      expect(text).toContain(name);
  });

  it('has alert rules for a stuck outbox, consumer lag, dead letters, error rate and p99, each complete', async () => {
    const names = await exported();
    const file = parse(read('prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] };
    const rules = file.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'OutboxStuck',
        'ConsumerLagging',
        'DeadLetters',
        'GatewayErrorRate',
        'LatencyP99OverBudget',
      ]),
    );
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const r of rules) {
      expect({
        alert: r.alert,
        expr: typeof r.expr === 'string' && r.expr.length > 0,
        for: /^\d+[smh]$/.test(r.for ?? ''),
        severity: ['critical', 'warning'].includes(r.labels?.severity ?? ''),
        summary: typeof r.annotations?.summary === 'string',
        description: typeof r.annotations?.description === 'string',
      }).toEqual({ alert: r.alert, expr: true, for: true, severity: true, summary: true, description: true });
      const series = seriesIn(r.expr!);
      expect({ alert: r.alert, unknown: series.filter((s) => !names.has(s)), any: series.length > 0 }).toEqual({
        alert: r.alert,
        unknown: [],
        any: true,
      });
      expect(balanced(r.expr!)).toBe(true);
    }
  });

  it('points Prometheus at the rules and at every part, the gateway on its metrics port', () => {
    const config = parse(read('prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { static_configs: { targets: string[] }[] }[];
    };
    expect(config.rule_files).toContain('/etc/prometheus/alerts.yml');
    const targets = config.scrape_configs.flatMap((s) => s.static_configs.flatMap((c) => c.targets));
    expect(targets).toEqual(expect.arrayContaining(['cases:4001', 'people-credit:4002', 'tasks:4003', 'metrics:4004']));
    expect(targets).not.toContain('gateway:4000');
  });

  const promtool = ['/usr/local/bin/promtool', '/usr/bin/promtool'].find((p) => existsSync(p));
  (promtool ? it : it.skip)('passes promtool check rules', () => {
    const r = spawnSync(promtool!, ['check', 'rules', path.join(deploy, 'prometheus/alerts.yml')], {
      encoding: 'utf8',
    });
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: expect.any(String) });
  });
});

/** Parentheses, brackets and braces close in order (a cheap syntax check where promtool is absent). */
function balanced(expr: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quoted = false;
  for (const c of expr) {
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if ('([{'.includes(c)) open.push(c);
    else if (c in pairs && open.pop() !== pairs[c]) return false;
  }
  return open.length === 0 && !quoted;
}
