import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, dropIdempotencyTable } from '@zhiyuan/db';

/** The idempotency keys of this service's mutations, with their results (docs/adr/0008-idempotency-and-audit-in-the-transaction.md). */
export class CreateIdempotencyKeys1765000000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1765000000000';

  async up(qr: QueryRunner): Promise<void> {
    await createIdempotencyTable(qr, 'tasks');
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropIdempotencyTable(qr, 'tasks');
  }
}
