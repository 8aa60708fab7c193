/**
 * The console's upload of a file (src/uploads.ts), against a stand-in `fetch`: the bytes go by PUT
 * with their type and the UI's language, a 201 is success, and a refusal keeps the gateway's code and text.
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
const { putFile, fileSize } = require('../src/uploads') as typeof import('../src/uploads');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApiError } = require('../src/api') as typeof import('../src/api');

const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' }) as unknown as File;

describe('uploading an attachment', () => {
  it('PUTs the bytes to the link with their type and the UI language, and takes 201 for stored', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return { status: 201, json: async () => ({ id: 'a' }) };
    }) as unknown as typeof fetch;
    await putFile('/attachments/upload/t.s', file, 'application/pdf');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/attachments/upload/t.s');
    expect(calls[0]!.init).toMatchObject({
      method: 'PUT',
      body: file,
      headers: { 'content-type': 'application/pdf', 'accept-language': 'zh-CN' },
    });
  });

  it("throws the gateway's refusal with its code and localized text", async () => {
    globalThis.fetch = (async () => ({
      status: 415,
      json: async () => ({
        errors: [
          {
            message: 'not a PDF',
            extensions: { code: 'ATTACHMENT_TYPE_MISMATCH', localizedMessage: '文件内容与申报的类型不符' },
          },
        ],
      }),
    })) as unknown as typeof fetch;
    const err = await putFile('/attachments/upload/t.s', file, 'application/pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'ATTACHMENT_TYPE_MISMATCH', localizedMessage: '文件内容与申报的类型不符' });
  });

  it('says a network failure as such, and sizes in B, KB and MB', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    await expect(putFile('/x', file, 'application/pdf')).rejects.toMatchObject({ code: 'NETWORK' });
    expect([fileSize(900), fileSize(183_204), fileSize(5 * 1024 * 1024)]).toEqual(['900 B', '178.9 KB', '5.0 MB']);
  });
});
