import { type RawBuilder, type Transaction, sql } from 'kysely';
import { type RefDataInput, emptyRefDataInput } from '../../domain/refdata/build-ref-data';
import type { DataVersion } from '../../domain/refdata/data-version';
import type { ParsedRefdataFile } from '../../domain/refdata/parse-refdata-file';
import type { ContrastClass, PcTcIndicator } from '../../domain/refdata/ref-data';
import type { Db } from '../database';
import type { Database } from '../schema';

/** Rows per INSERT statement; each column travels as one array parameter (unnest), so a batch is a handful of parameters. */
export const REFDATA_BATCH_ROWS = 5000;

export interface RefdataRelease {
  id: number;
  kind: DataVersion['kind'];
  fileKind: ParsedRefdataFile['kind'];
  label: string;
  origin: DataVersion['source'];
  effectiveFrom: string;
  effectiveTo: string | null;
  fiscalYear: number | null;
  year: number | null;
  release: string | null;
  sourceFile: string;
  sha256: string;
  rowCount: number;
  loadedAt: string;
}

export type StoreReleaseResult = { outcome: 'loaded' | 'present'; release: RefdataRelease };

const releaseColumns = [
  'id',
  'kind',
  'file_kind',
  'label',
  'origin',
  sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
  sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effective_to'),
  'fiscal_year',
  'year',
  'release',
  'source_file',
  'sha256',
  'row_count',
  'loaded_at',
] as const;

type ReleaseRecord = {
  id: number;
  kind: string;
  file_kind: string;
  label: string;
  origin: string;
  effective_from: string;
  effective_to: string | null;
  fiscal_year: number | null;
  year: number | null;
  release: string | null;
  source_file: string;
  sha256: string;
  row_count: number;
  loaded_at: Date;
};

function toRelease(r: ReleaseRecord): RefdataRelease {
  return {
    id: r.id,
    kind: r.kind as DataVersion['kind'],
    fileKind: r.file_kind as ParsedRefdataFile['kind'],
    label: r.label,
    origin: r.origin as DataVersion['source'],
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    fiscalYear: r.fiscal_year,
    year: r.year,
    release: r.release,
    sourceFile: r.source_file,
    sha256: r.sha256,
    rowCount: r.row_count,
    loadedAt: r.loaded_at.toISOString(),
  };
}

export async function listRefdataReleases(db: Db): Promise<RefdataRelease[]> {
  const rows = await db.selectFrom('refdata_releases').select(releaseColumns).orderBy('id').execute();
  return rows.map(toRelease);
}

/** The release already holding this file (same layout, same bytes), if any. */
export async function findRefdataRelease(db: Db, fileKind: ParsedRefdataFile['kind'], sha256: string): Promise<RefdataRelease | undefined> {
  const row = await db.selectFrom('refdata_releases').select(releaseColumns).where('file_kind', '=', fileKind).where('sha256', '=', sha256).executeTakeFirst();
  return row ? toRelease(row) : undefined;
}

/** A cheap fingerprint of the loaded releases: changes whenever a release is added or removed. */
export async function refdataReleasesStamp(db: Db): Promise<string> {
  const row = await db
    .selectFrom('refdata_releases')
    .select([sql<number>`count(*)::int`.as('n'), sql<number | null>`max(id)`.as('max_id'), sql<string | null>`max(loaded_at)::text`.as('max_at')])
    .executeTakeFirstOrThrow();
  return `${row.n}|${row.max_id ?? 0}|${row.max_at ?? ''}`;
}

/** The data-set kind of a file layout (two ICD-10-CM layouts feed one data set). */
export function dataSetKindOf(fileKind: ParsedRefdataFile['kind']): DataVersion['kind'] {
  return fileKind === 'icd10cm-order' || fileKind === 'icd10cm-codes' ? 'icd10cm' : fileKind;
}

/**
 * Store one parsed file as a release, in one transaction: the release row and all its rows, or nothing.
 * Idempotent on (file layout, sha256): the same file a second time adds nothing and returns the existing release.
 */
export async function storeRefdataRelease(db: Db, input: { parsed: ParsedRefdataFile; sourceFile: string; sha256: string }): Promise<StoreReleaseResult> {
  const { parsed } = input;
  const v = parsed.version;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('refdata_releases')
      .values({
        kind: dataSetKindOf(parsed.kind),
        file_kind: parsed.kind,
        label: v.label,
        effective_from: v.effectiveFrom,
        effective_to: v.effectiveTo,
        fiscal_year: 'fiscalYear' in parsed ? parsed.fiscalYear : null,
        year: 'year' in parsed ? parsed.year : null,
        release: parsed.kind === 'pfs' ? (parsed.release ?? null) : null,
        source_file: input.sourceFile,
        sha256: input.sha256,
        row_count: parsed.rows.length,
        origin: v.source,
      })
      // A concurrent load of the same file waits on the unique key, then finds it present.
      .onConflict((oc) => oc.columns(['file_kind', 'sha256']).doNothing())
      .returning(releaseColumns)
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('refdata_releases').select(releaseColumns).where('file_kind', '=', parsed.kind).where('sha256', '=', input.sha256).executeTakeFirstOrThrow();
      return { outcome: 'present' as const, release: toRelease(existing) };
    }
    await insertRows(trx, inserted.id, parsed);
    return { outcome: 'loaded' as const, release: toRelease(inserted) };
  });
}

type Column = { name: string; type: string; values: unknown[] };

/** INSERT ... SELECT FROM unnest(array, array, ...) in batches: one statement per REFDATA_BATCH_ROWS rows. */
async function insertColumns(trx: Transaction<Database>, table: keyof Database, releaseId: number, count: number, columns: (start: number, end: number) => Column[]): Promise<void> {
  for (let start = 0; start < count; start += REFDATA_BATCH_ROWS) {
    const end = Math.min(count, start + REFDATA_BATCH_ROWS);
    const cols = columns(start, end);
    const names = sql.join(cols.map((c) => sql.ref(c.name)));
    const arrays: RawBuilder<unknown>[] = cols.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`);
    await sql`INSERT INTO ${sql.table(table)} (release_id, ${names}) SELECT ${releaseId}::int, * FROM unnest(${sql.join(arrays)})`.execute(trx);
  }
}

/** Column arrays for a slice of rows: `col('code', 'text', r => r.code)`. */
function columnsOf<T>(rows: readonly T[], spec: [string, string, (r: T) => unknown][]): (start: number, end: number) => Column[] {
  return (start, end) => {
    const slice = rows.slice(start, end);
    return spec.map(([name, type, get]) => ({ name, type, values: slice.map(get) }));
  };
}

async function insertRows(trx: Transaction<Database>, releaseId: number, parsed: ParsedRefdataFile): Promise<void> {
  switch (parsed.kind) {
    case 'icd10cm-order':
    case 'icd10cm-codes':
      return insertColumns(trx, 'refdata_icd10cm', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['code', 'text', (r) => r.code],
        ['billable', 'boolean', (r) => r.billable],
        ['short_description', 'text', (r) => r.shortDescription],
        ['long_description', 'text', (r) => r.longDescription ?? null],
      ]));
    case 'pfs':
      return insertColumns(trx, 'refdata_pfs', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['hcpcs', 'text', (r) => r.hcpcs],
        ['modifier', 'text', (r) => r.modifier],
        ['description', 'text', (r) => r.description],
        ['status_code', 'text', (r) => r.statusCode],
        ['work_rvu_hundredths', 'int', (r) => r.workRvuHundredths],
        ['non_facility_pe_rvu_hundredths', 'int', (r) => r.nonFacilityPeRvuHundredths],
        ['non_facility_na', 'boolean', (r) => r.nonFacilityNa],
        ['facility_pe_rvu_hundredths', 'int', (r) => r.facilityPeRvuHundredths],
        ['facility_na', 'boolean', (r) => r.facilityNa],
        ['mp_rvu_hundredths', 'int', (r) => r.mpRvuHundredths],
        ['non_facility_total_hundredths', 'int', (r) => r.nonFacilityTotalHundredths],
        ['facility_total_hundredths', 'int', (r) => r.facilityTotalHundredths],
        ['pctc_indicator', 'text', (r) => r.pcTcIndicator],
        ['global_days', 'text', (r) => r.globalDays],
        ['mult_proc_indicator', 'text', (r) => r.multipleProcedureIndicator],
        ['bilateral_indicator', 'text', (r) => r.bilateralIndicator],
        ['conversion_factor_ten_thousandths', 'int', (r) => r.conversionFactorTenThousandths],
        ['supervision', 'text', (r) => r.supervision],
        ['imaging_family_indicator', 'text', (r) => r.imagingFamilyIndicator],
      ]));
    case 'ncci-ptp':
      return insertColumns(trx, 'refdata_ncci_ptp', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['column1', 'text', (r) => r.column1],
        ['column2', 'text', (r) => r.column2],
        ['existed_before_1996', 'boolean', (r) => r.existedBefore1996],
        ['effective_date', 'date', (r) => r.effectiveDate],
        ['deletion_date', 'date', (r) => r.deletionDate],
        ['modifier_indicator', 'text', (r) => r.modifierIndicator],
        ['rationale', 'text', (r) => r.rationale],
        ['note', 'text', (r) => r.note ?? null],
      ]));
    case 'mue':
      return insertColumns(trx, 'refdata_mue', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['hcpcs', 'text', (r) => r.hcpcs],
        ['value', 'int', (r) => r.value],
        ['adjudication_indicator', 'text', (r) => r.adjudicationIndicator],
        ['adjudication_text', 'text', (r) => r.adjudicationText],
        ['rationale', 'text', (r) => r.rationale],
        ['note', 'text', (r) => r.note ?? null],
      ]));
    case 'pos':
      return insertColumns(trx, 'refdata_pos', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['code', 'text', (r) => r.code],
        ['name', 'text', (r) => r.name],
      ]));
    case 'hcpcs':
      return insertColumns(trx, 'refdata_hcpcs2', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['code', 'text', (r) => r.code],
        ['short_description', 'text', (r) => r.shortDescription],
        ['long_description', 'text', (r) => r.longDescription ?? null],
      ]));
    case 'gpci':
      return insertColumns(trx, 'refdata_gpci', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['mac', 'text', (r) => r.mac],
        ['state', 'text', (r) => r.state],
        ['locality', 'text', (r) => r.locality],
        ['name', 'text', (r) => r.name],
        ['work_thousandths', 'int', (r) => r.workThousandths],
        ['pe_thousandths', 'int', (r) => r.peThousandths],
        ['mp_thousandths', 'int', (r) => r.mpThousandths],
      ]));
    case 'oppscap':
      return insertColumns(trx, 'refdata_opps_cap', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['hcpcs', 'text', (r) => r.hcpcs],
        ['modifier', 'text', (r) => r.modifier],
        ['status_code', 'text', (r) => r.statusCode],
        ['carrier', 'text', (r) => r.carrier],
        ['locality', 'text', (r) => r.locality],
        ['facility_cents', 'int', (r) => r.facilityCents],
        ['non_facility_cents', 'int', (r) => r.nonFacilityCents],
      ]));
    case 'cpt-descriptors':
      return insertColumns(trx, 'refdata_cpt_descriptors', releaseId, parsed.rows.length, columnsOf(parsed.rows, [
        ['code', 'text', (r) => r.code],
        ['short_description', 'text', (r) => r.shortDescription],
        ['modality', 'text', (r) => r.modality],
        ['body_region', 'text', (r) => r.bodyRegion],
        ['contrast', 'text', (r) => r.contrast],
      ]));
    case 'coverage-policies':
      // A few dozen policies: plain multi-row inserts (array-valued columns do not unnest).
      for (let start = 0; start < parsed.rows.length; start += 1000) {
        await trx
          .insertInto('refdata_coverage_policies')
          .values(
            parsed.rows.slice(start, start + 1000).map((p, i) => ({
              release_id: releaseId,
              policy_id: p.id,
              name: p.name,
              cpts: p.cpts,
              covered: JSON.stringify(p.covered),
              source: p.source,
              position: start + i,
            })),
          )
          .execute();
      }
      return;
  }
}

/**
 * The releases a RefData is built from: for the dated kinds, the newest load of each period (a full file loaded
 * after the bundled subset of the same fiscal year answers; an ICD-10-CM order file is preferred to a codes file,
 * which lacks the category headers); for the undated kinds, every release oldest first so newer rows override.
 */
export function releasesInUse(releases: RefdataRelease[]): RefdataRelease[] {
  const periodOf = (r: RefdataRelease): string | undefined => {
    switch (r.kind) {
      case 'icd10cm':
        return `icd10cm|${r.fiscalYear ?? r.effectiveFrom}`;
      case 'pfs':
      case 'oppscap':
        return `${r.kind}|${r.year ?? r.effectiveFrom}`;
      case 'ncci-ptp':
      case 'mue':
        return `${r.kind}|${r.label}|${r.effectiveFrom}|${r.effectiveTo ?? ''}`;
      case 'coverage-policies':
        return 'coverage-policies';
      default:
        return undefined;
    }
  };
  const preference = (r: RefdataRelease): number => (r.fileKind === 'icd10cm-codes' ? 0 : 1);
  const chosen = new Map<string, RefdataRelease>();
  const merged: RefdataRelease[] = [];
  for (const r of [...releases].sort((a, b) => a.id - b.id)) {
    const period = periodOf(r);
    if (period === undefined) {
      merged.push(r);
      continue;
    }
    const current = chosen.get(period);
    if (!current || preference(r) >= preference(current)) chosen.set(period, r);
  }
  const undatedOrder = (r: RefdataRelease): string => `${r.effectiveFrom}|${String(r.id).padStart(12, '0')}`;
  merged.sort((a, b) => (undatedOrder(a) < undatedOrder(b) ? -1 : 1));
  return [...[...chosen.values()].sort((a, b) => a.id - b.id), ...merged];
}

/** Everything buildRefData needs, read from the loaded releases; undefined when no release is loaded. */
export async function readRefDataInput(db: Db): Promise<RefDataInput | undefined> {
  const all = await listRefdataReleases(db);
  if (all.length === 0) return undefined;
  const releases = releasesInUse(all);
  const ids = (kind: DataVersion['kind']): number[] => releases.filter((r) => r.kind === kind).map((r) => r.id);
  const versionOf = (r: RefdataRelease): DataVersion => ({ kind: r.kind, source: r.origin, label: r.label, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo });
  const byRelease = <T extends { release_id: number }>(rows: T[]): Map<number, T[]> => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.release_id);
      if (list) list.push(row);
      else map.set(row.release_id, [row]);
    }
    return map;
  };
  const none = [-1];
  const pick = (kind: DataVersion['kind']): number[] => (ids(kind).length > 0 ? ids(kind) : none);

  const icd = await db.selectFrom('refdata_icd10cm').select(['release_id', 'code', 'billable', 'short_description']).where('release_id', 'in', pick('icd10cm')).execute();
  const pfs = await db.selectFrom('refdata_pfs').selectAll().where('release_id', 'in', pick('pfs')).execute();
  const ptp = await db
      .selectFrom('refdata_ncci_ptp')
      .select([
        'release_id',
        'column1',
        'column2',
        'existed_before_1996',
        sql<string>`to_char(effective_date, 'YYYYMMDD')`.as('effective_date'),
        sql<string | null>`to_char(deletion_date, 'YYYYMMDD')`.as('deletion_date'),
        'modifier_indicator',
        'rationale',
        'note',
      ])
      .where('release_id', 'in', pick('ncci-ptp'))
      .execute();
  const mue = await db.selectFrom('refdata_mue').selectAll().where('release_id', 'in', pick('mue')).execute();
  const pos = await db.selectFrom('refdata_pos').selectAll().where('release_id', 'in', pick('pos')).execute();
  const hcpcs = await db.selectFrom('refdata_hcpcs2').selectAll().where('release_id', 'in', pick('hcpcs')).execute();
  const gpci = await db.selectFrom('refdata_gpci').selectAll().where('release_id', 'in', pick('gpci')).execute();
  const opps = await db.selectFrom('refdata_opps_cap').selectAll().where('release_id', 'in', pick('oppscap')).execute();
  const cpt = await db.selectFrom('refdata_cpt_descriptors').selectAll().where('release_id', 'in', pick('cpt-descriptors')).execute();
  const policies = await db.selectFrom('refdata_coverage_policies').selectAll().where('release_id', 'in', pick('coverage-policies')).orderBy('position').execute();
  const icdBy = byRelease(icd);
  const pfsBy = byRelease(pfs);
  const ptpBy = byRelease(ptp);
  const mueBy = byRelease(mue);
  const posBy = byRelease(pos);
  const hcpcsBy = byRelease(hcpcs);
  const gpciBy = byRelease(gpci);
  const oppsBy = byRelease(opps);
  const cptBy = byRelease(cpt);
  const isoOf = (compact: string): string => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

  const input = emptyRefDataInput();
  for (const r of releases) {
    switch (r.kind) {
      case 'icd10cm':
        input.icd10cm.push({
          fiscalYear: r.fiscalYear ?? Number(r.effectiveTo?.slice(0, 4) ?? r.effectiveFrom.slice(0, 4)),
          rows: (icdBy.get(r.id) ?? []).map((x) => ({ code: x.code, billable: x.billable, shortDescription: x.short_description })),
        });
        break;
      case 'pfs':
        input.pfs.push({
          year: r.year ?? Number(r.effectiveFrom.slice(0, 4)),
          ...(r.release ? { release: r.release } : {}),
          rows: (pfsBy.get(r.id) ?? []).map((x) => ({
            hcpcs: x.hcpcs,
            modifier: x.modifier,
            description: x.description,
            statusCode: x.status_code,
            workRvuHundredths: x.work_rvu_hundredths,
            nonFacilityPeRvuHundredths: x.non_facility_pe_rvu_hundredths,
            nonFacilityNa: x.non_facility_na,
            facilityPeRvuHundredths: x.facility_pe_rvu_hundredths,
            facilityNa: x.facility_na,
            mpRvuHundredths: x.mp_rvu_hundredths,
            nonFacilityTotalHundredths: x.non_facility_total_hundredths,
            facilityTotalHundredths: x.facility_total_hundredths,
            pcTcIndicator: x.pctc_indicator as PcTcIndicator,
            globalDays: x.global_days,
            multipleProcedureIndicator: x.mult_proc_indicator,
            bilateralIndicator: x.bilateral_indicator,
            conversionFactorTenThousandths: x.conversion_factor_ten_thousandths,
            supervision: x.supervision,
            imagingFamilyIndicator: x.imaging_family_indicator,
          })),
        });
        break;
      case 'ncci-ptp':
        input.ptp.push({
          version: versionOf(r),
          edits: (ptpBy.get(r.id) ?? []).map((x) => ({
            column1: x.column1,
            column2: x.column2,
            existedBefore1996: x.existed_before_1996,
            effectiveDate: isoOf(x.effective_date),
            deletionDate: x.deletion_date === null ? null : isoOf(x.deletion_date),
            modifierIndicator: x.modifier_indicator,
            rationale: x.rationale,
            ...(x.note !== null ? { note: x.note } : {}),
          })),
        });
        break;
      case 'mue':
        input.mue.push({
          version: versionOf(r),
          rows: (mueBy.get(r.id) ?? []).map((x) => ({
            hcpcs: x.hcpcs,
            value: x.value,
            adjudicationIndicator: x.adjudication_indicator,
            adjudicationText: x.adjudication_text,
            rationale: x.rationale,
            ...(x.note !== null ? { note: x.note } : {}),
          })),
        });
        break;
      case 'pos':
        input.pos.push(...(posBy.get(r.id) ?? []).map((x) => ({ code: x.code, name: x.name })));
        break;
      case 'hcpcs':
        input.hcpcs.push(
          ...(hcpcsBy.get(r.id) ?? []).map((x) => ({ code: x.code, shortDescription: x.short_description, ...(x.long_description !== null ? { longDescription: x.long_description } : {}) })),
        );
        break;
      case 'gpci':
        input.gpci.push(
          ...(gpciBy.get(r.id) ?? []).map((x) => ({
            mac: x.mac,
            state: x.state,
            locality: x.locality,
            name: x.name,
            workThousandths: x.work_thousandths,
            peThousandths: x.pe_thousandths,
            mpThousandths: x.mp_thousandths,
          })),
        );
        break;
      case 'oppscap':
        (input.oppsCap ??= []).push({
          year: r.year ?? Number(r.effectiveFrom.slice(0, 4)),
          rows: (oppsBy.get(r.id) ?? []).map((x) => ({
            hcpcs: x.hcpcs,
            modifier: x.modifier,
            statusCode: x.status_code,
            carrier: x.carrier,
            locality: x.locality,
            facilityCents: x.facility_cents,
            nonFacilityCents: x.non_facility_cents,
          })),
        });
        break;
      case 'cpt-descriptors':
        input.cpt.push(
          ...(cptBy.get(r.id) ?? []).map((x) => ({
            code: x.code,
            shortDescription: x.short_description,
            modality: x.modality,
            bodyRegion: x.body_region,
            contrast: x.contrast as ContrastClass,
          })),
        );
        break;
      case 'coverage-policies':
        input.coveragePolicies = {
          version: versionOf(r),
          policies: policies.filter((x) => x.release_id === r.id).map((x) => ({ id: x.policy_id, name: x.name, cpts: x.cpts, covered: x.covered, source: x.source })),
        };
        break;
    }
  }
  return input;
}
