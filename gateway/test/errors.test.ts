import { formatGatewayError } from '../src/errors';

describe('gateway error masking', () => {
  it('hides internal URLs and connection details of a failing subgraph', () => {
    const out = formatGatewayError(
      {
        message: 'request to http://127.0.0.1:4004/graphql failed, reason: connect ECONNREFUSED 127.0.0.1:4004',
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'metrics', stacktrace: ['at x'] },
      },
      false,
    );
    expect(out.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', service: 'metrics' });
    expect(JSON.stringify(out)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace/);
  });

  it('keeps a domain error code and message, without a stack', () => {
    const out = formatGatewayError(
      { message: 'Case x was not found', extensions: { code: 'NOT_FOUND', stacktrace: ['s'] } },
      false,
    );
    expect(out).toEqual({ message: 'Case x was not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('masks unexpected errors in production', () => {
    expect(formatGatewayError({ message: 'TypeError: x is undefined', extensions: {} }, false).message).toBe(
      'Internal error',
    );
  });
});
