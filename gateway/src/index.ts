export { createGateway, type Gateway, type GatewayContext } from './create-gateway';
export { loadGatewayConfig, gatewayConfigSchema, type GatewayConfig } from './config';
export { composeSupergraph } from './compose';
export { SUBGRAPHS, type SubgraphName } from './subgraphs';
