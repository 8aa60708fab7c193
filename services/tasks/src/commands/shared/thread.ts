import { sqlExec } from '@zhiyuan/db';
import type { EntityManager } from 'typeorm';

/** Moves the reader's marker on a case's thread to now (writing a message means having read the thread up to it). */
export async function markThreadRead(m: EntityManager, caseId: string, readerSub: string): Promise<void> {
  await sqlExec(
    m,
    `INSERT INTO tasks.case_message_read (case_id, reader_sub, last_read_at) VALUES ($1, $2, now())
         ON CONFLICT (case_id, reader_sub) DO UPDATE SET last_read_at = now()`,
    [caseId, readerSub],
  );
}
