import type { ApolloServerPlugin } from '@apollo/server';
import { isAnonymous, type Identity } from '@zhiyuan/auth';

/**
 * An anonymous caller refused anything is told to sign in (UNAUTHENTICATED), never FORBIDDEN: a
 * refusal of an anonymous caller means "who are you", whichever rule said no. One place for every
 * access rule of every subgraph, so no rule can forget it.
 */
export function signInErrorsPlugin(): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue?.identity || !isAnonymous(contextValue.identity) || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.some((e) => e.extensions?.code === 'FORBIDDEN')) return;
          response.body.singleResult.errors = errors.map((e) =>
            e.extensions?.code === 'FORBIDDEN'
              ? { ...e, message: 'Sign in to do this', extensions: { ...e.extensions, code: 'UNAUTHENTICATED' } }
              : e,
          );
        },
      };
    },
  };
}
