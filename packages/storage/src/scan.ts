import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * The hook a virus scanner plugs into: every upload is scanned once stored and before the owning
 * subgraph records it, and a file found unclean is deleted and never becomes an attachment.
 */
export interface VirusScanner {
  readonly name: string;
  scan(file: {
    open: () => Promise<Readable>;
    sha256: string;
    sizeBytes: number;
    contentType: string;
  }): Promise<ScanVerdict>;
}

/** No scanner configured: every file passes (the default). */
export const allowAllScanner: VirusScanner = { name: 'none', scan: async () => ({ clean: true }) };

/**
 * A command that reads the file on its standard input and exits 0 when it is clean, 1 when it is
 * not (the convention of `clamdscan -` and `clamscan -`); anything else is a scanner failure, which
 * refuses the upload too: an unscanned file is not kept.
 */
export function commandScanner(command: string, timeoutMs = 60_000): VirusScanner {
  const [bin, ...args] = command.split(/\s+/).filter(Boolean);
  if (!bin) throw new Error('ATTACHMENT_SCAN_COMMAND is empty');
  return {
    name: bin,
    async scan(file) {
      const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-500)));
      child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-500)));
      const exited = new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code));
      });
      await pipeline(await file.open(), child.stdin).catch(() => undefined);
      const code = await exited;
      if (code === 0) return { clean: true };
      const line = output.trim().split('\n').pop() ?? '';
      return {
        clean: false,
        reason: code === 1 ? line || 'found by the scanner' : `scanner failed (${code}): ${line}`,
      };
    },
  };
}
