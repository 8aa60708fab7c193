export { createTestDatabase, testDatabaseUrl, TEMPLATE_ENV, type TestDatabase } from './database';
export { ensureTemplate, templateName, type Template, type TemplatePart } from './template';
export { natsUrl, describeWithNats, decideNats, natsReachable, uniqueService, type NatsDecision } from './nats';
export { waitFor } from './wait';
export { silentLogger } from './logger';
export { gqlRequest, identity, ADMIN, TEST_INTERNAL_SECRET, type GqlResult } from './graphql';
export { residentIdNumber } from './identity-numbers';
export { entitySchemaDrift } from './entity-drift';
export { startCommitDropper, throughProxy, type CommitDropper } from './commit-dropper';
export {
  buildEvent,
  publishEvents,
  waitForHandled,
  publishAndWait,
  EVENT_TYPES,
  TEST_COUNTY,
  TEST_TOWNSHIP,
  TEST_VILLAGE,
  type EnvelopeOverrides,
  type Queryable,
} from './events';
