/**
 * The file types an attachment may be, told by their first bytes rather than by what the client
 * declared: a photo renamed `.pdf` or a script sent as `image/jpeg` is refused on its content.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_NAMES = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

/** Bytes of the head of a file that `sniffType` needs to decide. */
export const SNIFF_BYTES = 4096;

const ascii = (head: Uint8Array, at: number, text: string) =>
  head.length >= at + text.length && Buffer.from(head.subarray(at, at + text.length)).toString('latin1') === text;

const HEIC_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

/** The type of a file from its first bytes (at least SNIFF_BYTES, or the whole file if shorter); null when none of ours. */
export function sniffType(head: Uint8Array): AttachmentType | null {
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 4, 'ftyp') && HEIC_BRANDS.some((b) => ascii(head, 8, b))) return 'image/heic';
  // A DOCX is a ZIP whose parts include [Content_Types].xml and word/…; the entry names are stored
  // uncompressed in the local headers, and Word writes these first.
  if (ascii(head, 0, 'PK\x03\x04')) {
    const text = Buffer.from(head).toString('latin1');
    if (text.includes('[Content_Types].xml') && text.includes('word/'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/** Control characters and path separators never reach a file name shown to people or sent in a header. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

/**
 * What is wrong with an upload as declared, before any byte is sent (the field and a message), or
 * null: a readable file name, an accepted type, a size within the limit.
 */
export function declaredUploadProblem(
  limits: { maxBytes: number; types: readonly string[] },
  upload: { fileName: string; contentType: string; sizeBytes: number },
): { field: 'fileName' | 'contentType' | 'sizeBytes'; message: string } | null {
  const name = upload.fileName.trim();
  if (!name || name.length > 200 || UNSAFE_NAME.test(name))
    return { field: 'fileName', message: 'A file name of 1 to 200 characters, without slashes or control characters' };
  if (!limits.types.includes(upload.contentType))
    return { field: 'contentType', message: `Attachments are one of ${limits.types.join(', ')}` };
  if (!Number.isInteger(upload.sizeBytes) || upload.sizeBytes < 1)
    return { field: 'sizeBytes', message: 'The size of the file in bytes' };
  if (upload.sizeBytes > limits.maxBytes)
    return { field: 'sizeBytes', message: `Attachments are at most ${limits.maxBytes} bytes` };
  return null;
}
