export { createGateway, type Gateway, type GatewayContext } from './create-gateway';
export { loadGatewayConfig, gatewayConfigSchema, type GatewayConfig } from './config';
export { composeSupergraph } from './compose';
export { SUBGRAPHS, readSubgraphSdl, type SubgraphName } from './subgraphs';
export { issueToken, DEMO_ROLES, claimsOf, type TokenClaims } from './dev-tokens';
export { sha256, buildSafelist, OPERATIONS_DIR } from './persisted-operations';
export { DEV_JWT_SECRET } from './config';
export { natsLiveSource, type LiveSource, type LiveMessage } from './live/sources';
