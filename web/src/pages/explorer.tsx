/**
 * GraphiQL for frontend developers, in development only: it appears when the gateway hands out the
 * demo tokens, and sends the chosen role's token with every request. Bundled from npm, no CDN.
 */
import { useEffect, useMemo, useState } from 'react';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { DEV_TOKENS_PATH } from '../auth';
import { useT } from '../i18n';

export default function ExplorerPage() {
  const { t } = useT();
  const [tokens, setTokens] = useState<Record<string, string> | null>();
  const [role, setRole] = useState('admin');
  useEffect(() => {
    void fetch(DEV_TOKENS_PATH)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, string>>) : null))
      .then(setTokens, () => setTokens(null));
  }, []);
  const fetcher = useMemo(
    () => async (params: unknown, opts?: { headers?: Record<string, unknown> }) => {
      // The header editor (prefilled with the chosen role's token) has the last word.
      const edited = Object.fromEntries(Object.entries(opts?.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(tokens?.[role] ? { authorization: `Bearer ${tokens[role]}` } : {}),
          ...edited,
        },
        body: JSON.stringify(params),
      });
      return r.json();
    },
    [tokens, role],
  );
  if (tokens === undefined) return null;
  if (tokens === null) return <p>{t('explorer.title')}</p>;
  return (
    <article className="explorer">
      <h1>{t('explorer.title')}</h1>
      <label>
        {t('explorer.role')}
        <select value={role} onChange={(e) => setRole(e.target.value)}>
          {Object.keys(tokens).map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <div className="graphiql-host">
        <GraphiQL
          key={role}
          fetcher={fetcher}
          defaultHeaders={tokens[role] ? JSON.stringify({ authorization: `Bearer ${tokens[role]}` }, null, 2) : ''}
        />
      </div>
    </article>
  );
}
