import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

/**
 * The work queue: projection of the exam workflows' human tasks (context holds codes, no PHI), and the
 * work that belongs to no exam (`remittance-unmatched` from the inbound path: `exam_id` null).
 */
export interface TaskTable {
  task_id: string;
  exam_id: string | null;
  type: string;
  queue: string;
  priority: string;
  priority_rank: number;
  claim_id: string | null;
  status: string;
  escalated: boolean;
  due_at: ColumnType<Date, Date | string, Date | string>;
  opened_at: ColumnType<Date, Date | string, Date | string>;
  closed_at: NullableTimestamp;
  context: JSONColumnType<Record<string, unknown>>;
  resolution_action: string | null;
  resolved_by: string | null;
  assignee: string | null;
  assigned_at: NullableTimestamp;
  version: number;
  updated_at: DefaultedTimestamp;
}

/** Payers and their policies (PayerPolicySchema as JSON). */
export interface PayerTable {
  payer_id: string;
  name: string;
  payer_type: string;
  active: boolean;
  policy: JSONColumnType<Record<string, unknown>>;
  version: Generated<number>;
  updated_at: DefaultedTimestamp;
  updated_by: string | null;
}
