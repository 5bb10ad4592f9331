import { z } from 'zod';
import { safeText } from '../text';
import { OrgId } from '../organisations/organisations';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');

/**
 * One line of a billing entity's chargemaster as staff enter it: the code (CPT/HCPCS), the modifier it is priced
 * with ('' the whole service, '26' professional, 'TC' technical, or another pricing modifier), the price of one unit
 * in cents, the NUBC revenue code its institutional claims carry, the dates of service it governs (effectiveTo
 * inclusive; open when absent) and a description in our own words (never AMA descriptor text).
 */
export const ChargemasterItemSchema = z.strictObject({
  code: z.string().regex(/^([0-9]{4}[0-9A-Z]|[A-V][0-9]{4})$/, 'must be a CPT or HCPCS code like 70450 or A9552'),
  modifier: z.string().regex(/^([0-9A-Z]{2})?$/, "must be '' or a two-character modifier like 26 or TC").default(''),
  priceCents: z.number().int('must be whole cents').positive('must be more than zero').max(100_000_000, 'must be at most $1,000,000'),
  revenueCode: z.string().regex(/^0\d{3}$/, 'must be a 4-digit NUBC revenue code starting with 0, like 0350').nullable().optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  description: safeText(120).optional(),
}).refine((i) => i.effectiveTo == null || i.effectiveTo >= i.effectiveFrom, { message: 'must not be before effectiveFrom', path: ['effectiveTo'] });
export type ChargemasterItemInput = z.input<typeof ChargemasterItemSchema>;
export type ChargemasterEntry = z.infer<typeof ChargemasterItemSchema>;

export const ChargemasterSchema = z.strictObject({
  items: z.array(ChargemasterItemSchema).max(20_000, 'at most 20000 items'),
});

export const EntityIdSchema = OrgId;

/**
 * Two items of one code and modifier whose dates overlap: a chargemaster must say one price per date of service.
 * Returns the index pairs (into `items`) that overlap.
 */
export function overlappingItems(items: readonly Pick<ChargemasterEntry, 'code' | 'modifier' | 'effectiveFrom' | 'effectiveTo'>[]): [number, number][] {
  const out: [number, number][] = [];
  const byKey = new Map<string, number[]>();
  items.forEach((it, i) => byKey.set(`${it.code}|${it.modifier}`, [...(byKey.get(`${it.code}|${it.modifier}`) ?? []), i]));
  for (const indexes of byKey.values()) {
    const sorted = [...indexes].sort((a, b) => items[a]!.effectiveFrom.localeCompare(items[b]!.effectiveFrom));
    for (let k = 1; k < sorted.length; k += 1) {
      const prev = items[sorted[k - 1]!]!;
      const cur = items[sorted[k]!]!;
      if (prev.effectiveTo == null || prev.effectiveTo >= cur.effectiveFrom) out.push([sorted[k - 1]!, sorted[k]!]);
    }
  }
  return out;
}

/** The CSV columns of a chargemaster import, in any order (header row required). */
export const CHARGEMASTER_CSV_COLUMNS = ['code', 'modifier', 'price_cents', 'revenue_code', 'effective_from', 'effective_to', 'description'] as const;

export interface CsvProblem {
  /** 1-based line of the file (the header is row 1) */
  row: number;
  column: string;
  message: string;
}

/**
 * Reads a chargemaster CSV: a header row naming the columns (code, modifier, price_cents or price in dollars,
 * revenue_code, effective_from, effective_to, description; code, a price and effective_from are required), then one
 * item a row. All or nothing: every problem is reported with its row and column, and no item is returned when there
 * is one.
 */
export function parseChargemasterCsv(text: string, parseCsv: (text: string) => string[][]): { ok: true; items: ChargemasterEntry[] } | { ok: false; problems: CsvProblem[] } {
  const records = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  if (records.length === 0) return { ok: false, problems: [{ row: 1, column: '', message: 'the file is empty: a header row and at least one item are needed' }] };
  const unknown = header.filter((h) => !(CHARGEMASTER_CSV_COLUMNS as readonly string[]).includes(h) && h !== 'price');
  for (const h of unknown) problems.push({ row: 1, column: h, message: `unknown column (expected ${[...CHARGEMASTER_CSV_COLUMNS, 'price'].join(', ')})` });
  for (const required of ['code', 'effective_from']) if (!header.includes(required)) problems.push({ row: 1, column: required, message: 'required column missing' });
  if (!header.includes('price_cents') && !header.includes('price')) problems.push({ row: 1, column: 'price_cents', message: 'required column missing (price_cents, or price in dollars)' });
  if (records.slice(1).every((r) => r.every((f) => f.trim() === ''))) problems.push({ row: 1, column: '', message: 'no items after the header row' });
  if (problems.length > 0) return { ok: false, problems };
  const items: ChargemasterEntry[] = [];
  const rows: number[] = [];
  const column: Record<string, string> = { priceCents: header.includes('price_cents') ? 'price_cents' : 'price', effectiveFrom: 'effective_from', effectiveTo: 'effective_to', revenueCode: 'revenue_code', code: 'code', modifier: 'modifier', description: 'description' };
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.every((f) => f.trim() === '')) return;
    const get = (name: string) => {
      const at = header.indexOf(name);
      return at < 0 ? '' : (record[at] ?? '').trim();
    };
    let priceCents: number | undefined;
    if (header.includes('price_cents')) {
      priceCents = /^\d+$/.test(get('price_cents')) ? Number(get('price_cents')) : Number.NaN;
      if (Number.isNaN(priceCents)) {
        problems.push({ row, column: 'price_cents', message: 'must be whole cents (digits only)' });
        return;
      }
    } else {
      const dollars = /^\$?(\d+)(?:\.(\d{1,2}))?$/.exec(get('price').replace(/,/g, ''));
      if (!dollars) {
        problems.push({ row, column: 'price', message: 'must be an amount in dollars like 1250.00' });
        return;
      }
      priceCents = Number(dollars[1]) * 100 + Number((dollars[2] ?? '').padEnd(2, '0') || '0');
    }
    const candidate = {
      code: get('code').toUpperCase(),
      modifier: get('modifier').toUpperCase(),
      priceCents,
      ...(get('revenue_code') ? { revenueCode: get('revenue_code').padStart(4, '0') } : {}),
      effectiveFrom: get('effective_from'),
      ...(get('effective_to') ? { effectiveTo: get('effective_to') } : {}),
      ...(get('description') ? { description: get('description') } : {}),
    };
    const parsed = ChargemasterItemSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row, column: column[String(issue.path[0] ?? '')] ?? String(issue.path[0] ?? ''), message: issue.message });
      return;
    }
    items.push(parsed.data);
    rows.push(row);
  });
  if (problems.length === 0) {
    for (const [a, b] of overlappingItems(items)) {
      problems.push({ row: rows[b]!, column: 'effective_from', message: `${items[b]!.code}${items[b]!.modifier ? `-${items[b]!.modifier}` : ''} overlaps the dates of row ${rows[a]!}` });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}
