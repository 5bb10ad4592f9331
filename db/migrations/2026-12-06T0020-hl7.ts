import { type Kysely, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every HL7 v2 message the MLLP listener received, stored before it is acknowledged. The raw message holds
  // PHI: it is kept only encrypted (AES-256-GCM under the payload key, `raw_key_id` names the key). The other
  // columns hold no patient data: who sent it, its control id, type, accession number and outcome.
  await db.schema
    .createTable('hl7_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sending_application', 'text', (c) => c.notNull())
    .addColumn('sending_facility', 'text', (c) => c.notNull())
    .addColumn('control_id', 'text', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('accession_number', 'text')
    .addColumn('exam_id', 'text')
    .addColumn('event', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_field', 'text')
    .addColumn('error_message', 'text')
    .addColumn('ack_code', 'text', (c) => c.notNull())
    .addColumn('ack', 'text', (c) => c.notNull())
    .addColumn('raw_key_id', 'text', (c) => c.notNull())
    .addColumn('raw_encrypted', 'bytea', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('hl7_messages_sender_control_id_key', ['sending_application', 'sending_facility', 'control_id'])
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS hl7_messages_accession_idx ON hl7_messages (accession_number, id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS hl7_messages_status_idx ON hl7_messages (status, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hl7_messages').ifExists().execute();
}
