import { createHash } from 'node:crypto';

/**
 * A stable id per demo account (a name-based UUID), so the demo seed, every restart and the
 * development tokens all name the same staff.
 */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`zhiyuan-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
