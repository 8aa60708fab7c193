export { createTestDatabase, testDatabaseUrl, type TestDatabase } from './database';
export { natsUrl, describeWithNats, decideNats, natsReachable, uniqueService, type NatsDecision } from './nats';
export { waitFor } from './wait';
export { silentLogger } from './logger';
export { gqlRequest, identity, ADMIN, TEST_INTERNAL_SECRET, type GqlResult } from './graphql';
export { residentIdNumber } from './identity-numbers';
export { entitySchemaDrift } from './entity-drift';
export { startCommitDropper, throughProxy, type CommitDropper } from './commit-dropper';
