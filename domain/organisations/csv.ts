import type { z } from 'zod';
import { type BillingEntity, BillingEntitySchema, type Facility, FacilitySchema, type Provider, ProviderSchema } from './organisations';

/**
 * CSV import of billing entities, facilities and providers. One record per row; the header names the columns
 * (any order; a nested field is dotted: `address.line1`, `payTo.city`, `billing.split.professional`). An empty
 * cell leaves the field out (its default applies); list columns (`roles`, `reassignedTo`) separate values with
 * `;`; `active` is true or false. A file is taken whole or not at all: every problem is reported with its row
 * (the header is row 1) and its column.
 */

export interface CsvProblem {
  /** 1-based line of the record in the file (the header is row 1) */
  row: number;
  /** the column (header name) the problem is in, when it is in one */
  column?: string;
  message: string;
}

export type CsvImport<T> = { ok: true; records: { row: number; record: T }[] } | { ok: false; problems: CsvProblem[] };

const MAX_PROBLEMS = 100;
export const MAX_IMPORT_ROWS = 50_000;

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): { rows: string[][]; problem?: CsvProblem } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let fieldStarted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted && field !== '') return { rows, problem: { row: rows.length + 1, message: `line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)` } };
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      line++;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { rows, problem: { row: rows.length + 1, message: 'the file ends inside a quoted field' } };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines carry no record.
  return { rows: rows.filter((r) => !(r.length === 1 && r[0]!.trim() === '')) };
}

interface Layout {
  columns: readonly string[];
  lists: readonly string[];
  booleans: readonly string[];
}

export const BILLING_ENTITY_COLUMNS: Layout = {
  columns: ['id', 'name', 'entityType', 'firstName', 'npi', 'tin', 'taxonomy', 'kind',
    'address.line1', 'address.line2', 'address.city', 'address.state', 'address.postalCode',
    'payTo.line1', 'payTo.line2', 'payTo.city', 'payTo.state', 'payTo.postalCode', 'medicareCcn', 'active'],
  lists: [],
  booleans: ['active'],
};

const ARRANGEMENTS = ['global', 'split', 'professional', 'technical'] as const;
export const FACILITY_COLUMNS: Layout = {
  columns: ['id', 'name', 'address.line1', 'address.line2', 'address.city', 'address.state', 'address.postalCode',
    'placeOfService', 'timeZone', 'mqsaCertificate', 'npi', 'defaultArrangement',
    ...ARRANGEMENTS.flatMap((a) => [`billing.${a}.technical`, `billing.${a}.professional`]), 'active'],
  lists: [],
  booleans: ['active'],
};

export const PROVIDER_COLUMNS: Layout = {
  columns: ['npi', 'lastName', 'firstName', 'middleName', 'credential', 'taxonomy', 'roles', 'reassignedTo', 'active'],
  lists: ['roles', 'reassignedTo'],
  booleans: ['active'],
};

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]!] = value;
}

/** The column a zod issue path points into: the longest known column that is a prefix of the path. */
function columnOf(path: readonly PropertyKey[], layout: Layout): string | undefined {
  const dotted = path.map(String);
  for (let n = dotted.length; n > 0; n--) {
    const candidate = dotted.slice(0, n).join('.');
    if (layout.columns.includes(candidate)) return candidate;
  }
  return undefined;
}

function importRecords<T>(text: string, layout: Layout, schema: z.ZodType<T>): CsvImport<T> {
  const parsed = parseCsv(text);
  if (parsed.problem) return { ok: false, problems: [parsed.problem] };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, problems: [{ row: 1, message: 'the file is empty: the first row must name the columns' }] };
  const names = header.map((h) => h.trim());
  const problems: CsvProblem[] = [];
  names.forEach((name, i) => {
    if (!layout.columns.includes(name)) problems.push({ row: 1, column: name || `#${i + 1}`, message: `unknown column; the columns are ${layout.columns.join(', ')}` });
    else if (names.indexOf(name) !== i) problems.push({ row: 1, column: name, message: 'the column appears twice' });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ row: 2, message: 'the file has a header and no records' }] };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, problems: [{ row: MAX_IMPORT_ROWS + 2, message: `a file holds at most ${MAX_IMPORT_ROWS} records; split it` }] };

  const records: { row: number; record: T }[] = [];
  rows.forEach((cells, index) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const row = index + 2;
    if (cells.length !== names.length) {
      problems.push({ row, message: `has ${cells.length} fields, the header ${names.length}` });
      return;
    }
    const raw: Record<string, unknown> = {};
    let rowOk = true;
    names.forEach((name, i) => {
      const cell = cells[i]!.trim();
      if (cell === '') return;
      if (layout.lists.includes(name)) setPath(raw, name, cell.split(';').map((v) => v.trim()).filter(Boolean));
      else if (layout.booleans.includes(name)) {
        const v = cell.toLowerCase();
        if (v !== 'true' && v !== 'false') {
          problems.push({ row, column: name, message: 'must be true or false' });
          rowOk = false;
        } else setPath(raw, name, v === 'true');
      } else setPath(raw, name, cell);
    });
    if (!rowOk) return;
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = columnOf(issue.path, layout);
        problems.push({ row, ...(column ? { column } : {}), message: column ? issue.message : `${issue.path.map(String).join('.') || 'record'}: ${issue.message}` });
      }
      return;
    }
    records.push({ row, record: result.data });
  });
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, records };
}

/** A key that appears on two rows of one file. */
function duplicates<T>(imported: CsvImport<T>, key: (r: T) => string, column: string): CsvImport<T> {
  if (!imported.ok) return imported;
  const seen = new Map<string, number>();
  const problems: CsvProblem[] = [];
  for (const { row, record } of imported.records) {
    const k = key(record);
    const first = seen.get(k);
    if (first !== undefined) problems.push({ row, column, message: `${k} is also on row ${first}` });
    else seen.set(k, row);
  }
  return problems.length > 0 ? { ok: false, problems } : imported;
}

export function importBillingEntities(text: string): CsvImport<BillingEntity> {
  return duplicates(importRecords(text, BILLING_ENTITY_COLUMNS, BillingEntitySchema), (e) => e.id, 'id');
}

export function importFacilities(text: string): CsvImport<Facility> {
  return duplicates(importRecords(text, FACILITY_COLUMNS, FacilitySchema), (f) => f.id, 'id');
}

export function importProviders(text: string): CsvImport<Provider> {
  return duplicates(importRecords(text, PROVIDER_COLUMNS, ProviderSchema), (p) => p.npi, 'npi');
}

/** The billing entity ids a facility's setup names, with the column each is in. */
export function facilityEntityRefs(f: Facility): { column: string; id: string }[] {
  return ARRANGEMENTS.flatMap((a) => (['technical', 'professional'] as const).flatMap((k) => {
    const id = f.billing[a]?.[k];
    return id ? [{ column: `billing.${a}.${k}`, id }] : [];
  }));
}

/**
 * A CSV reader fed chunk by chunk (a file of any size streamed through it): `push` returns the records completed
 * by the chunk, `end` the last one. Quoted fields may span chunks and lines. Pure: the caller does the reading.
 */
export class CsvRecordReader {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private pendingCr = false;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (this.afterQuote) {
          this.afterQuote = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false;
        } else {
          if (ch === '"') this.afterQuote = true;
          else this.field += ch;
          continue;
        }
      }
      if (ch === '"' && this.field === '') {
        this.quoted = true;
      } else if (ch === ',') {
        this.row.push(this.field);
        this.field = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') this.pendingCr = true;
        this.row.push(this.field);
        if (!(this.row.length === 1 && this.row[0] === '')) out.push(this.row);
        this.row = [];
        this.field = '';
      } else {
        this.field += ch;
      }
    }
    return out;
  }

  end(): string[][] {
    if (this.quoted && !this.afterQuote) throw new Error('the file ends inside a quoted field');
    this.quoted = false;
    this.afterQuote = false;
    if (this.field === '' && this.row.length === 0) return [];
    this.row.push(this.field);
    const last = this.row;
    this.row = [];
    this.field = '';
    return [last];
  }
}
