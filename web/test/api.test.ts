/**
 * The console's calls to the graph (src/api.ts), against a stand-in `fetch`: a query's partial data is
 * kept with its error, a mutation's error is thrown, and the server's localized text and field travel.
 */
const store = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
Object.assign(globalThis, { localStorage: store(), sessionStorage: store() });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApiError, execute, request } = require('../src/api') as typeof import('../src/api');

const doc = { toString: () => '{ a b }' } as never;
const answer = (body: unknown) => {
  globalThis.fetch = (async () => ({ status: 200, json: async () => body })) as unknown as typeof fetch;
};
const refused = {
  message: 'These figures are outside your division',
  path: ['b'],
  extensions: { code: 'FORBIDDEN', localizedMessage: '这些数据不在您的辖区内' },
};

describe('calls to the graph', () => {
  it('keeps the data that came back beside the error of the field that did not', async () => {
    answer({ data: { a: 1, b: null }, errors: [refused] });
    const r = await execute(doc);
    expect(r.data).toEqual({ a: 1, b: null });
    expect(r.error).toBeInstanceOf(ApiError);
    expect(r.error).toMatchObject({ code: 'FORBIDDEN', localizedMessage: '这些数据不在您的辖区内' });
  });

  it('throws the first error of an all-or-nothing call, with its field', async () => {
    answer({
      data: null,
      errors: [{ message: 'approach: required', extensions: { code: 'VALIDATION_FAILED', field: 'approach' } }],
    });
    await expect(request(doc)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'approach' });
    answer({ data: { a: 1 }, errors: [refused] });
    await expect(request(doc)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers data alone without an error, and no answer as a network error', async () => {
    answer({ data: { a: 1 } });
    await expect(execute(doc)).resolves.toEqual({ data: { a: 1 }, error: undefined });
    answer(null);
    await expect(execute(doc)).resolves.toMatchObject({ error: { code: 'NETWORK' } });
    globalThis.fetch = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    await expect(execute(doc)).resolves.toMatchObject({ error: { code: 'NETWORK' } });
  });
});
