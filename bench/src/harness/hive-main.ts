/**
 * @graphql-hive/gateway's runtime alone in a process (the benchmark's peer gateway), over the
 * supergraph in SUPERGRAPH_FILE, listening on PORT. It forwards the client's signed internal
 * identity header as is and verifies no bearer token, which our gateway does, so the comparison
 * leans in the peer's favour.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { INTERNAL_IDENTITY_HEADER } from '@zhiyuan/auth';

const gw = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_FILE!, 'utf8'),
  logging: false,
  landingPage: false,
  graphiql: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      [INTERNAL_IDENTITY_HEADER]: request.headers.get(INTERNAL_IDENTITY_HEADER) ?? '',
    }),
  },
});
const server = http.createServer(gw);
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => void Promise.resolve(gw.dispose()).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
