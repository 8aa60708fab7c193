/**
 * A party's session: sign-in by an SMS code, the access token renewed with the refresh token a minute
 * before it expires (the refresh token rotates each time), and sign-out ending the session on the
 * server too. Staff tokens come from their issuer and are not refreshed here.
 */
import { useEffect } from 'react';
import { graphql } from './generated';
import { request } from './api';
import { currentRefreshToken, signIn, signOut, useSession } from './auth';

const RequestCode = graphql(`
  mutation RequestSignInCode($phone: String!) {
    requestSignInCode(phone: $phone) {
      expiresAt
      resendAfterSeconds
    }
  }
`);

const SignIn = graphql(`
  mutation PartySignIn($phone: String!, $code: String!) {
    signIn(phone: $phone, code: $code) {
      partyId
      accessToken
      refreshToken
    }
  }
`);

const Refresh = graphql(`
  mutation RefreshPartySession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      partyId
      accessToken
      refreshToken
    }
  }
`);

const SignOut = graphql(`
  mutation PartySignOut($refreshToken: String!) {
    signOut(refreshToken: $refreshToken)
  }
`);

/** Renew this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

export async function requestCode(phone: string): Promise<{ resendAfterSeconds: number }> {
  return (await request(RequestCode, { phone })).requestSignInCode;
}

/** Exchanges the code for the party's tokens and keeps them. */
export async function signInWithCode(phone: string, code: string): Promise<void> {
  const s = (await request(SignIn, { phone, code })).signIn;
  signIn(s.accessToken, s.refreshToken);
}

let refreshing: Promise<void> | undefined;

/** Renews the tokens once (concurrent callers share it); a refused refresh ends the session here. */
export function refreshNow(): Promise<void> {
  const refreshToken = currentRefreshToken();
  if (!refreshToken) return Promise.resolve();
  refreshing ??= request(Refresh, { refreshToken })
    .then(
      ({ refreshSession: s }) => void signIn(s.accessToken, s.refreshToken),
      (err: { code?: string }) => {
        // A network failure leaves the session for the next try; a refusal means it is over.
        if (err.code !== 'NETWORK') signOut();
      },
    )
    .finally(() => (refreshing = undefined));
  return refreshing;
}

/** Ends the session on the server (its refresh token stops working) and here. */
export async function endSession(): Promise<void> {
  const refreshToken = currentRefreshToken();
  signOut();
  if (refreshToken) await request(SignOut, { refreshToken }).catch(() => undefined);
}

/** Keeps a party session's access token fresh while the console is open. */
export function useSessionRefresh(): void {
  const session = useSession();
  const expiresAt = session?.expiresAt;
  const token = session?.token;
  useEffect(() => {
    if (!currentRefreshToken()) return;
    // Back after the access token ran out (a sleeping tab): renew at once.
    if (!token) return void refreshNow();
    if (!expiresAt) return;
    const timer = setTimeout(() => void refreshNow(), Math.max(0, expiresAt - Date.now() - REFRESH_AHEAD_MS));
    return () => clearTimeout(timer);
  }, [token, expiresAt]);
}
