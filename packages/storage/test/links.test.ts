import {
  downloadLink,
  receiptOutcome,
  requireDeclaredUpload,
  requireDownloadLink,
  requireReceipt,
  signTicket,
  uploadLink,
  verifyTicket,
  uploadTicketSchema,
} from '../src';

const settings = {
  secret: 'a-test-secret-of-at-least-thirty-two-chars',
  uploadTtlSeconds: 600,
  downloadTtlSeconds: 300,
};
const who = { sub: 'staff-1', roles: ['VILLAGE_CADRE'], divisionCode: '330522104201', department: null, partyId: null };
const limits = { maxBytes: 1000, types: ['application/pdf'] };
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
  return null;
};

describe('what an upload may declare', () => {
  const ok = { fileName: '送达回证.pdf', contentType: 'application/pdf', sizeBytes: 1000 };
  it('accepts an accepted type within the limit', () => {
    expect(codeOf(() => requireDeclaredUpload(limits, ok))).toBeNull();
  });
  it('refuses a size above the limit, a type not accepted and a name with a path, naming the field', () => {
    expect(codeOf(() => requireDeclaredUpload(limits, { ...ok, sizeBytes: 1001 }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'sizeBytes',
    });
    expect(codeOf(() => requireDeclaredUpload(limits, { ...ok, contentType: 'text/html' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'contentType',
    });
    expect(codeOf(() => requireDeclaredUpload(limits, { ...ok, fileName: '../x.pdf' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'fileName',
    });
  });
});

describe('upload and download links', () => {
  const now = new Date('2026-12-04T02:00:00.500Z');
  const upload = { id: 'att-1', storageKey: 'tasks/2026/12/att-1', contentType: 'application/pdf', sizeBytes: 10 };

  it('signs an upload link naming the row and the caller, expiring after the upload TTL in whole seconds', () => {
    const link = uploadLink(settings, 'tasks', upload, who, now);
    expect(link.expiresAt.toISOString()).toBe('2026-12-04T02:10:00.000Z');
    const ticket = link.uploadUrl.replace('/attachments/upload/', '');
    const v = verifyTicket(settings.secret, uploadTicketSchema, ticket, now.getTime());
    expect(v).toMatchObject({ ok: true, claims: { svc: 'tasks', id: 'att-1', key: upload.storageKey, sizeBytes: 10 } });
  });

  it('answers the attachment of a download link for its caller only, and of its own service only', () => {
    const ticket = downloadLink(settings, 'cases', 'att-2', who).replace('/attachments/', '');
    expect(requireDownloadLink(settings, 'cases', ticket, 'staff-1')).toBe('att-2');
    expect(codeOf(() => requireDownloadLink(settings, 'cases', ticket, 'staff-2'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(codeOf(() => requireDownloadLink(settings, 'tasks', ticket, 'staff-1'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const expired = signTicket(
      settings.secret,
      { k: 'download', svc: 'cases', id: 'att-2', who },
      60,
      Date.now() - 3_600_000,
    );
    expect(codeOf(() => requireDownloadLink(settings, 'cases', expired, 'staff-1'))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'EXPIRED',
    });
  });
});

describe('a receipt against its row', () => {
  const sha = 'b'.repeat(64);
  const receipt = requireReceipt(
    settings,
    signTicket(
      settings.secret,
      { k: 'receipt', id: 'att-1', sha256: sha, sizeBytes: 10, contentType: 'application/pdf' },
      60,
    ),
  );
  const pending = {
    requestedBy: 'staff-1',
    status: 'PENDING' as const,
    sha256: null,
    contentType: 'application/pdf',
    sizeBytes: 10,
  };

  it('stores a pending row for the caller it was handed to, and changes nothing on the same receipt again', () => {
    expect(receiptOutcome(pending, receipt, 'staff-1')).toBe('STORE');
    expect(receiptOutcome({ ...pending, status: 'STORED', sha256: sha }, receipt, 'staff-1')).toBe('UNCHANGED');
  });

  it('refuses another caller, another stored file, a file other than declared, and a forged receipt', () => {
    expect(codeOf(() => receiptOutcome(pending, receipt, 'staff-2'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      codeOf(() => receiptOutcome({ ...pending, status: 'STORED', sha256: 'c'.repeat(64) }, receipt, 'staff-1')),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(codeOf(() => receiptOutcome({ ...pending, sizeBytes: 11 }, receipt, 'staff-1'))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(codeOf(() => requireReceipt(settings, 'forged.ticket'))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'FORGED',
    });
  });
});
