import { DEFAULT_ATTACHMENT_LIMITS, requireAcceptableUpload } from './attachments';

const ok = { fileName: '送达回证.pdf', contentType: 'application/pdf', sizeBytes: 1000 };
const fieldOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('what an upload may declare', () => {
  it('accepts an accepted type within the limit', () => {
    expect(fieldOf(() => requireAcceptableUpload(DEFAULT_ATTACHMENT_LIMITS, ok))).toBeNull();
  });

  it('refuses a size above the limit, naming the field', () => {
    const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxBytes: 999 };
    expect(fieldOf(() => requireAcceptableUpload(limits, ok))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'sizeBytes',
    });
  });

  it('refuses a type not accepted, and a file name with a path in it', () => {
    expect(
      fieldOf(() => requireAcceptableUpload(DEFAULT_ATTACHMENT_LIMITS, { ...ok, contentType: 'text/html' })),
    ).toEqual({ code: 'VALIDATION_FAILED', field: 'contentType' });
    expect(fieldOf(() => requireAcceptableUpload(DEFAULT_ATTACHMENT_LIMITS, { ...ok, fileName: '../x.pdf' }))).toEqual({
      code: 'VALIDATION_FAILED',
      field: 'fileName',
    });
  });
});
