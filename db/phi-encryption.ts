import {
  ColumnNode,
  ColumnUpdateNode,
  type InsertQueryNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type OperationNode,
  PrimitiveValueListNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely';
import { type PhiCipher, isEncryptedBytes, isEncryptedJson, isEncryptedText } from '../platform/phi-cipher';
import type { Db } from './database';

export type PhiColumnKind = 'json' | 'text' | 'bytes';

/**
 * The columns that hold PHI, encrypted at rest: written encrypted by every insert and update that sets
 * them through Kysely, read back in clear by every query (joins included). jsonb columns keep their type
 * (`{ "$enc": ... }`), text columns hold `enc:v1:...`, bytea columns a binary envelope.
 */
export const PHI_COLUMNS: Record<string, Record<string, PhiColumnKind>> = {
  // names, birth dates, addresses, MRN; member ids; the order's clinical indication
  exams: { patient: 'json', coverages: 'json', order: 'json' },
  // every X12 file sent or received (837, 835, 270/271, 276/277, 278, 999, 277CA)
  x12_documents: { raw: 'text' },
  // patient statements, appeal letters, claim change requests (PDF)
  documents: { bytes: 'bytes' },
  // the claim content an 837 was rendered from (subscriber, patient)
  claim_submissions: { request: 'json' },
  // eligibility, status and authorization answers (271, 277, 278 contents)
  real_time_requests: { result: 'json' },
  // the sandbox payer's answers (999, 277CA, 835 files)
  sandbox_received_files: { responses: 'json' },
};

/** Encrypts PHI columns on write and decrypts any encrypted value on read. */
export class PhiEncryptionPlugin implements KyselyPlugin {
  private readonly transformer: PhiWriteTransformer;

  constructor(private readonly cipher: PhiCipher) {
    this.transformer = new PhiWriteTransformer(cipher);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode') return this.transformer.transformNode(node);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key of Object.keys(row)) {
        const value = row[key];
        if (typeof value === 'string') {
          if (isEncryptedText(value)) row[key] = this.cipher.decryptText(value);
        } else if (Buffer.isBuffer(value)) {
          if (isEncryptedBytes(value)) row[key] = this.cipher.decryptBytes(value);
        } else if (isEncryptedJson(value)) {
          row[key] = this.cipher.decryptJson(value);
        }
      }
    }
    return args.result;
  }
}

/** The database handle with PHI encrypted at rest (the same pool; without a cipher, the handle as it is). */
export function withPhiEncryption(db: Db, cipher: PhiCipher | undefined): Db {
  return cipher ? db.withPlugin(new PhiEncryptionPlugin(cipher)) : db;
}

/**
 * A value PostgreSQL itself would refuse (a NUL character in text or JSON): refused the same way, with the
 * SQLSTATE PostgreSQL gives, so that encrypting it does not let through what the column could not hold.
 */
export class UnstorableValueError extends Error {
  override readonly name = 'UnstorableValueError';
  constructor(readonly code: string) {
    super('a value contains a character PostgreSQL cannot store (NUL)');
  }
}

/** One column's stored form of a value as the application writes it. */
export function encryptColumnValue(cipher: PhiCipher, kind: PhiColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (kind === 'text' && typeof value === 'string' && value.includes('\u0000')) throw new UnstorableValueError('22021');
  if (kind === 'text') return typeof value === 'string' && !isEncryptedText(value) ? cipher.encryptText(value) : value;
  if (kind === 'bytes') return Buffer.isBuffer(value) && !isEncryptedBytes(value) ? cipher.encryptBytes(value) : value;
  // jsonb: the application passes JSON text (or an object pg serializes); either way it becomes the envelope's text
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (containsNul(parsed)) throw new UnstorableValueError('22P05');
  if (isEncryptedJson(parsed)) return typeof value === 'string' ? value : JSON.stringify(parsed);
  return JSON.stringify(cipher.encryptJson(parsed));
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

class PhiWriteTransformer extends OperationNodeTransformer {
  constructor(private readonly cipher: PhiCipher) {
    super();
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const out = super.transformInsertQuery(node);
    const columns = tableColumns(out.into);
    if (!columns) return out;
    // `ON CONFLICT ... DO UPDATE SET column = <value>`: the value is written as well
    const withConflict = out.onConflict?.updates ? { ...out, onConflict: { ...out.onConflict, updates: this.encryptUpdates(columns, out.onConflict.updates) } } : out;
    return this.encryptValues(columns, withConflict);
  }

  private encryptValues(columns: Record<string, PhiColumnKind>, out: InsertQueryNode): InsertQueryNode {
    if (!out.columns || !out.values || !ValuesNode.is(out.values)) return out;
    const kinds = out.columns.map((c) => columns[c.column.name]);
    if (kinds.every((k) => !k)) return out;
    const values = ValuesNode.create(
      out.values.values.map((list) => {
        if (PrimitiveValueListNode.is(list)) {
          return PrimitiveValueListNode.create(list.values.map((v, i) => (kinds[i] ? encryptColumnValue(this.cipher, kinds[i], v) : v)));
        }
        if (ValueListNode.is(list)) {
          return ValueListNode.create(list.values.map((v, i) => (kinds[i] ? this.encryptNode(kinds[i], v) : v)));
        }
        return list;
      }),
    );
    return { ...out, values };
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const out = super.transformUpdateQuery(node);
    const columns = out.table && TableNode.is(out.table) ? tableColumns(out.table) : undefined;
    if (!columns || !out.updates) return out;
    return { ...out, updates: this.encryptUpdates(columns, out.updates) };
  }

  private encryptUpdates(columns: Record<string, PhiColumnKind>, updates: ReadonlyArray<ColumnUpdateNode>): ColumnUpdateNode[] {
    return updates.map((u) => {
      const kind = ColumnNode.is(u.column) ? columns[u.column.column.name] : undefined;
      return kind ? ColumnUpdateNode.create(u.column, this.encryptNode(kind, u.value)) : u;
    });
  }

  private encryptNode(kind: PhiColumnKind, node: OperationNode): OperationNode {
    if (!ValueNode.is(node)) return node;
    return node.immediate ? ValueNode.createImmediate(encryptColumnValue(this.cipher, kind, node.value)) : ValueNode.create(encryptColumnValue(this.cipher, kind, node.value));
  }
}

function tableColumns(table: TableNode | undefined): Record<string, PhiColumnKind> | undefined {
  if (!table) return undefined;
  const schema = table.table.schema?.name;
  if (schema && schema !== 'public') return undefined;
  return PHI_COLUMNS[table.table.identifier.name];
}
