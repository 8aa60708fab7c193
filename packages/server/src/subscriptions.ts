import { GraphQLError } from 'graphql';

/**
 * The resolver of a subscription field the gateway serves (docs/live.md): `@apollo/gateway` executes no
 * subscription, so the gateway hears the field's events on NATS and resolves each payload through the
 * supergraph itself. A subgraph asked directly for one refuses it.
 */
export const servedByGateway = {
  subscribe(): never {
    throw new GraphQLError('Subscriptions are served by the gateway (docs/live.md)', {
      extensions: { code: 'BAD_REQUEST' },
    });
  },
};
