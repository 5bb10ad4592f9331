import { type Provider, ProviderSchema } from './organisations';

/**
 * The CMS NPPES data dissemination file (npidata_pfile_*.csv): one row per NPI with, among ~330 columns, the
 * entity type, the legal name, the credential and up to fifteen taxonomy codes (one flagged primary). Only
 * individuals (entity type 1) are providers here; organisations are billing entities, set up by hand.
 */

export const NPPES_COLUMNS = {
  npi: 'NPI',
  entityType: 'Entity Type Code',
  lastName: 'Provider Last Name (Legal Name)',
  firstName: 'Provider First Name',
  middleName: 'Provider Middle Name',
  credential: 'Provider Credential Text',
  deactivationDate: 'NPI Deactivation Date',
  reactivationDate: 'NPI Reactivation Date',
} as const;

const TAXONOMY_SLOTS = 15;
const taxonomyColumn = (n: number) => `Healthcare Provider Taxonomy Code_${n}`;
const primarySwitchColumn = (n: number) => `Healthcare Provider Primary Taxonomy Switch_${n}`;

export interface NppesLayout {
  index: (column: string) => number | undefined;
}

/** The layout of a file from its header row; the columns a provider needs must be there. */
export function nppesLayout(header: readonly string[]): NppesLayout {
  const positions = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = [NPPES_COLUMNS.npi, NPPES_COLUMNS.entityType, NPPES_COLUMNS.lastName].filter((c) => !positions.has(c));
  if (missing.length > 0) throw new Error(`not an NPPES data dissemination file: the header lacks ${missing.map((m) => `"${m}"`).join(', ')}`);
  return { index: (column) => positions.get(column) };
}

/** The names and identifiers the file gives one individual provider (what the loader refreshes). */
export type NppesProvider = Pick<Provider, 'npi' | 'lastName' | 'firstName' | 'middleName' | 'credential' | 'taxonomy'>;

export type NppesRow =
  | { kind: 'individual'; provider: NppesProvider }
  | { kind: 'skipped'; reason: 'organisation' | 'deactivated' }
  | { kind: 'invalid'; message: string };

const TAXONOMY = /^[0-9A-Z]{9}X$/;

/** Title case of a name the file gives in capitals (SMITH-JONES -> Smith-Jones); names in mixed case are kept. */
function name(raw: string | undefined, max: number): string | undefined {
  const v = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (!v) return undefined;
  const cased = v === v.toUpperCase() ? v.toLowerCase().replace(/(^|[\s'-])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()) : v;
  return cased.slice(0, max);
}

/** One row of the file as a provider record, or why it is not one. */
export function nppesRow(layout: NppesLayout, row: readonly string[]): NppesRow {
  const cell = (column: string) => {
    const i = layout.index(column);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  if (cell(NPPES_COLUMNS.entityType) !== '1') return { kind: 'skipped', reason: 'organisation' };
  if (cell(NPPES_COLUMNS.deactivationDate) && !cell(NPPES_COLUMNS.reactivationDate)) return { kind: 'skipped', reason: 'deactivated' };
  let taxonomy: string | undefined;
  for (let n = 1; n <= TAXONOMY_SLOTS && !taxonomy; n++) if (cell(primarySwitchColumn(n)) === 'Y') taxonomy = cell(taxonomyColumn(n));
  taxonomy ??= cell(taxonomyColumn(1));
  const credential = cell(NPPES_COLUMNS.credential).replace(/\./g, '').slice(0, 20);
  const candidate = {
    npi: cell(NPPES_COLUMNS.npi),
    lastName: name(cell(NPPES_COLUMNS.lastName), 60),
    ...(name(cell(NPPES_COLUMNS.firstName), 35) ? { firstName: name(cell(NPPES_COLUMNS.firstName), 35) } : {}),
    ...(name(cell(NPPES_COLUMNS.middleName), 25) ? { middleName: name(cell(NPPES_COLUMNS.middleName), 25) } : {}),
    ...(credential ? { credential } : {}),
    ...(taxonomy && TAXONOMY.test(taxonomy) ? { taxonomy } : {}),
  };
  const parsed = ProviderSchema.safeParse(candidate);
  if (!parsed.success) return { kind: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const { npi, lastName, firstName, middleName, credential: cred, taxonomy: tax } = parsed.data;
  return { kind: 'individual', provider: { npi, lastName, ...(firstName ? { firstName } : {}), ...(middleName ? { middleName } : {}), ...(cred ? { credential: cred } : {}), ...(tax ? { taxonomy: tax } : {}) } };
}

/**
 * A provider refreshed from the file: names, credential and taxonomy from NPPES; roles, reassignments and the
 * active flag as they were (a new provider is an ordering physician until an administrator says more).
 */
export function mergeNppesProvider(existing: Provider | undefined, fromFile: NppesProvider): Provider {
  const kept = existing ?? { roles: ['ordering' as const], reassignedTo: [], active: true };
  return { npi: fromFile.npi, lastName: fromFile.lastName, ...pick(fromFile), roles: kept.roles, reassignedTo: kept.reassignedTo, active: kept.active };
}

function pick(p: NppesProvider): Partial<Provider> {
  return {
    ...(p.firstName ? { firstName: p.firstName } : {}),
    ...(p.middleName ? { middleName: p.middleName } : {}),
    ...(p.credential ? { credential: p.credential } : {}),
    ...(p.taxonomy ? { taxonomy: p.taxonomy } : {}),
  };
}
