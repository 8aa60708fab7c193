/**
 * Sign-in. A party signs in with a code sent by SMS to the phone on their party record (in production
 * the only way for a party); staff paste a token from the configured issuer. In development the gateway
 * also hands out the demo tokens and this page offers them as a role picker (a party picks which demo
 * party it is).
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../api';
import { DEV_TOKENS_PATH, homeOf, signIn, currentSession } from '../auth';
import { useT, type MessageKey } from '../i18n';
import { requestCode, signInWithCode } from '../party-session';
import { navigate } from '../router';
import { ErrorNote } from '../ui';

/** Phone and SMS code: the party's own way in. */
function PartySignIn() {
  const { t } = useT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<number>();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const act = async (f: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await f();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setPending(false);
    }
  };
  return (
    <form
      className="card"
      id="party-sign-in"
      aria-labelledby="party-h"
      onSubmit={(e) => {
        e.preventDefault();
        void act(async () => {
          if (sent === undefined) {
            setSent((await requestCode(phone.trim())).resendAfterSeconds);
            return;
          }
          await signInWithCode(phone.trim(), code.trim());
          navigate(homeOf(currentSession()));
        });
      }}
    >
      <h2 id="party-h">{t('signIn.partyTitle')}</h2>
      <label>
        {t('signIn.phone')}
        <input
          type="tel"
          autoComplete="tel"
          required
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            setSent(undefined);
          }}
        />
      </label>
      {sent !== undefined && (
        <>
          <p className="muted small" role="status">
            {t('signIn.codeSent', { s: sent })}
          </p>
          <label>
            {t('signIn.code')}
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
        </>
      )}
      <ErrorNote error={error} />
      <button type="submit" disabled={pending}>
        {sent === undefined ? t('signIn.sendCode') : t('signIn.submit')}
      </button>
    </form>
  );
}

const ROLES = ['admin', 'judge', 'department', 'officer', 'liaison', 'cadre'] as const;

async function devTokens(partyId?: string): Promise<Record<string, string> | null> {
  const r = await fetch(`${DEV_TOKENS_PATH}${partyId ? `?partyId=${encodeURIComponent(partyId)}` : ''}`).catch(
    () => null,
  );
  return r?.ok ? ((await r.json()) as Record<string, string>) : null;
}

export function SignInPage() {
  const { t } = useT();
  const [tokens, setTokens] = useState<Record<string, string> | null>();
  const [parties, setParties] = useState<{ id: string; name: string }[]>([]);
  const [pasted, setPasted] = useState('');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    void devTokens().then(async (tk) => {
      setTokens(tk);
      if (!tk?.admin) return;
      // The demo parties, read as the demo admin, so a developer can be one of them.
      const r = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tk.admin}` },
        body: JSON.stringify({ query: '{ parties(first: 12) { nodes { id name } } }' }),
      });
      const body = (await r.json()) as { data?: { parties: { nodes: { id: string; name: string }[] } } };
      setParties(body.data?.parties.nodes ?? []);
    });
  }, []);
  const enter = (token: string) => {
    if (!signIn(token)) return setBad(true);
    navigate(homeOf(currentSession()));
  };

  return (
    <article className="narrow">
      <h1>{t('signIn.title')}</h1>
      <PartySignIn />
      {tokens && (
        <section className="card" aria-labelledby="dev-h">
          <h2 id="dev-h">{t('signIn.dev')}</h2>
          <div className="roles">
            {ROLES.map((r) => (
              <button key={r} type="button" data-role={r} onClick={() => enter(tokens[r]!)}>
                {t(`role.${r}` as MessageKey)}
              </button>
            ))}
          </div>
          {parties.length > 0 && (
            <label>
              {t('signIn.party')}
              <select
                defaultValue=""
                data-role="party"
                onChange={(e) => void devTokens(e.target.value).then((tk) => tk && enter(tk.party!))}
              >
                <option value="" disabled>
                  —
                </option>
                {parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </section>
      )}
      <form
        className="card"
        aria-label={t('signIn.staff')}
        onSubmit={(e) => {
          e.preventDefault();
          enter(pasted);
        }}
      >
        <label>
          {t('signIn.token')}
          <textarea value={pasted} onChange={(e) => setPasted(e.target.value)} rows={3} />
        </label>
        {bad && (
          <p role="alert" className="error">
            {t('signIn.badToken')}
          </p>
        )}
        <button type="submit">{t('signIn.tokenButton')}</button>
      </form>
    </article>
  );
}
