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
