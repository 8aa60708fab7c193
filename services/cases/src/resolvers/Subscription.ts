import { servedByGateway } from '@zhiyuan/server';
import type { SubscriptionResolvers } from '../generated/resolvers-types';

/** Served by the gateway (docs/live.md): it hears the events and resolves each payload through the supergraph. */
export const Subscription: SubscriptionResolvers = {
  caseUpdated: servedByGateway,
  myCasesUpdated: servedByGateway,
};
