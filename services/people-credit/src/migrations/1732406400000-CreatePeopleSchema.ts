import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@zhiyuan/db';

export class CreatePeopleSchema1732406400000 implements MigrationInterface {
  name = 'CreatePeopleSchema1732406400000';

  async up(qr: QueryRunner): Promise<void> {
    await createMessagingTables(qr, 'people');
    await qr.query(`CREATE TABLE people.division (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')),
      parent_code text REFERENCES people.division(code)
    )`);
    await qr.query(`CREATE INDEX division_parent_idx ON people.division (parent_code)`);
    await qr.query(`CREATE TABLE people.party (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('PERSON', 'ORGANIZATION')),
      name text NOT NULL,
      id_number text NOT NULL UNIQUE,
      home_division_code text NOT NULL REFERENCES people.division(code),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await qr.query(`CREATE INDEX party_home_division_idx ON people.party (home_division_code)`);
    await qr.query(`CREATE TABLE people.staff (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      roles text[] NOT NULL,
      division_code text REFERENCES people.division(code)
    )`);
    await qr.query(`CREATE INDEX staff_division_idx ON people.staff (division_code)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE people.staff`);
    await qr.query(`DROP TABLE people.party`);
    await qr.query(`DROP TABLE people.division`);
    await dropMessagingTables(qr, 'people');
  }
}
