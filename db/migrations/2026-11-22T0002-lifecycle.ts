import { type Kysely, sql } from 'kysely';
import { seedPayerPolicies } from '../../domain/policy';

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The work queue: a projection of the exam workflows' human tasks, written by their activities.
  await db.schema
    .createTable('tasks')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('exam_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('claim_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('context', 'jsonb', (c) => c.notNull())
    .addColumn('resolution_action', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('assignee', 'text')
    .addColumn('assigned_at', 'timestamptz')
    // the exam transition that wrote this row last: an older write never overwrites a newer one
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tasks_queue_order_idx').on('tasks').columns(['status', 'queue', 'priority_rank', 'due_at', 'task_id']).execute();
  await db.schema.createIndex('tasks_order_idx').on('tasks').columns(['priority_rank', 'due_at', 'task_id']).execute();
  await db.schema.createIndex('tasks_exam_idx').on('tasks').columns(['exam_id', 'opened_at']).execute();
  await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee', 'status']).execute();

  await db.schema
    .createTable('payers')
    .addColumn('payer_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payer_type', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'text')
    .execute();
  // The seed payers as of this migration (later edits go through PUT /v1/payers/{id}).
  for (const p of seedPayerPolicies()) {
    await sql`INSERT INTO payers (payer_id, name, payer_type, active, policy) VALUES (${p.id}, ${p.name}, ${p.payerType}, ${p.active}, ${JSON.stringify(p)}::jsonb) ON CONFLICT (payer_id) DO NOTHING`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payers').execute();
  await db.schema.dropTable('tasks').execute();
}
