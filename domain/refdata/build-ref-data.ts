import { icd10FiscalYearOf, icd10cmVersion, pfsVersion, versionCovers, type DataVersion } from './data-version';
import { toDotlessIcd10, toDottedIcd10 } from './icd10-code';
import type { IsoDate } from './iso-date';
import { gpciKey } from './parse-gpci';
import { ptpEditActive } from './parse-ncci-ptp';
import type { OppsCapRow } from './parse-oppscap';
import type {
  CoveragePolicy,
  CptDescriptor,
  DataCurrencyNotice,
  GpciRow,
  HcpcsRow,
  Icd10Lookup,
  Icd10Row,
  MueRow,
  PfsRow,
  PosRow,
  PtpEdit,
  RefData,
} from './ref-data';

export interface RefDataInput {
  icd10cm: { fiscalYear: number; rows: Icd10Row[] }[];
  pfs: { year: number; release?: string; rows: PfsRow[] }[];
  ptp: { version: DataVersion; edits: PtpEdit[] }[];
  mue: { version: DataVersion; rows: MueRow[] }[];
  pos: PosRow[];
  hcpcs: HcpcsRow[];
  cpt: CptDescriptor[];
  coveragePolicies: { version: DataVersion; policies: CoveragePolicy[] };
  gpci: GpciRow[];
  oppsCap?: { year: number; rows: OppsCapRow[] }[];
}

interface IcdSet {
  version: DataVersion;
  fiscalYear: number;
  byCode: Map<string, Icd10Row>;
  sortedBillable?: string[];
}

/**
 * Build the in-memory reference index from parsed rows. Pure: the caller reads the files.
 * When several sets of a kind are loaded, the one governing the date of service answers; CMS sets
 * take precedence over curated ones, so loading a real quarterly NCCI/MUE file extends or overrides the curated facts.
 */
/** An input with no data sets yet (no coverage policies loaded), to be filled kind by kind. */
export function emptyRefDataInput(): RefDataInput {
  return {
    icd10cm: [],
    pfs: [],
    ptp: [],
    mue: [],
    pos: [],
    hcpcs: [],
    cpt: [],
    coveragePolicies: { version: { kind: 'coverage-policies', source: 'curated', label: 'none', effectiveFrom: '2024-01-01', effectiveTo: null }, policies: [] },
    gpci: [],
  };
}

export function buildRefData(input: RefDataInput): RefData {
  const icdSets: IcdSet[] = input.icd10cm
    .map((s) => ({ version: icd10cmVersion(s.fiscalYear), fiscalYear: s.fiscalYear, byCode: new Map(s.rows.map((r) => [r.code, r])) }))
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  const pfsSets = input.pfs.map((s) => ({
    version: pfsVersion(s.year, s.release),
    year: s.year,
    byKey: new Map(s.rows.map((r) => [`${r.hcpcs}|${r.modifier}`, r])),
  }));
  const ptpSets = input.ptp.map((s) => {
    const byPair = new Map<string, PtpEdit[]>();
    for (const e of s.edits) {
      const key = `${e.column1}|${e.column2}`;
      const list = byPair.get(key);
      if (list) list.push(e);
      else byPair.set(key, [e]);
    }
    return { version: s.version, byPair };
  });
  const mueSets = input.mue.map((s) => ({ version: s.version, byCode: new Map(s.rows.map((r) => [r.hcpcs, r])) }));
  const pos = new Map(input.pos.map((r) => [r.code, r]));
  const hcpcs = new Map(input.hcpcs.map((r) => [r.code, r]));
  const cpt = new Map(input.cpt.map((r) => [r.code, r]));
  const gpci = new Map(input.gpci.map((r) => [gpciKey(r), r]));
  const oppsCap = new Map<number, Map<string, OppsCapRow>>(
    (input.oppsCap ?? []).map((s) => [s.year, new Map(s.rows.map((r) => [`${r.hcpcs}|${r.modifier}|${r.carrier}-${r.locality}`, r]))]),
  );
  const policyByCpt = new Map<string, CoveragePolicy>();
  for (const p of input.coveragePolicies.policies) for (const c of p.cpts) if (!policyByCpt.has(c)) policyByCpt.set(c, p);

  const versions: DataVersion[] = [
    ...icdSets.map((s) => s.version),
    ...pfsSets.map((s) => s.version),
    ...ptpSets.map((s) => s.version),
    ...mueSets.map((s) => s.version),
    input.coveragePolicies.version,
  ];

  function icdSetFor(dos: IsoDate): IcdSet | undefined {
    const fy = icd10FiscalYearOf(dos);
    const exact = icdSets.find((s) => s.fiscalYear === fy);
    if (exact) return exact;
    const earlier = icdSets.filter((s) => s.fiscalYear < fy);
    return earlier[earlier.length - 1] ?? icdSets[0];
  }

  /** Sets ordered for a lookup: CMS sets governing the date first, then curated sets governing it, then the rest. */
  function ranked<T extends { version: DataVersion }>(sets: T[], dos: IsoDate): T[] {
    const score = (s: T): number => (versionCovers(s.version, dos) ? 0 : 2) + (s.version.source === 'curated' ? 1 : 0);
    return [...sets].sort((a, b) => score(a) - score(b));
  }

  return {
    versions: () => versions.slice(),

    icd10(code: string, dos: IsoDate): Icd10Lookup {
      const set = icdSetFor(dos);
      const dotless = toDotlessIcd10(code);
      const dotted = dotless ? toDottedIcd10(dotless) : code.trim().toUpperCase();
      if (!set) {
        return { code: dotted, found: false, billable: false, version: icd10cmVersion(icd10FiscalYearOf(dos)), current: false };
      }
      const row = dotless ? set.byCode.get(dotless) : undefined;
      return {
        code: dotted,
        found: row !== undefined,
        billable: row?.billable ?? false,
        ...(row ? { shortDescription: row.shortDescription } : {}),
        version: set.version,
        current: versionCovers(set.version, dos),
      };
    },

    icd10Children(code: string, dos: IsoDate, limit: number): string[] {
      const set = icdSetFor(dos);
      const prefix = toDotlessIcd10(code);
      if (!set || !prefix) return [];
      if (!set.sortedBillable) set.sortedBillable = [...set.byCode.values()].filter((r) => r.billable).map((r) => r.code).sort();
      const list = set.sortedBillable;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((list[mid] as string) < prefix) lo = mid + 1;
        else hi = mid;
      }
      const out: string[] = [];
      for (let i = lo; i < list.length && out.length < limit; i += 1) {
        const c = list[i] as string;
        if (!c.startsWith(prefix)) break;
        if (c !== prefix) out.push(toDottedIcd10(c));
      }
      return out;
    },

    pfs(code: string, modifier: string, year: number): PfsRow | undefined {
      const key = `${code.toUpperCase()}|${modifier.toUpperCase()}`;
      const exact = pfsSets.find((s) => s.year === year);
      if (exact) return exact.byKey.get(key);
      const earlier = pfsSets.filter((s) => s.year < year).sort((a, b) => b.year - a.year);
      return (earlier[0] ?? pfsSets[0])?.byKey.get(key);
    },

    ncciPtp(column1: string, column2: string, dos: IsoDate): PtpEdit | undefined {
      const key = `${column1.toUpperCase()}|${column2.toUpperCase()}`;
      for (const set of ranked(ptpSets, dos)) {
        const rows = set.byPair.get(key);
        if (!rows) continue;
        const active = rows.find((e) => ptpEditActive(e, dos));
        if (active) return active;
        // A CMS file governing the date is authoritative for the pairs it lists, deleted ones included.
        if (set.version.source !== 'curated' && versionCovers(set.version, dos)) return undefined;
      }
      return undefined;
    },

    mue(code: string, dos: IsoDate): MueRow | undefined {
      for (const set of ranked(mueSets, dos)) {
        const row = set.byCode.get(code.toUpperCase());
        if (row) return row;
      }
      return undefined;
    },

    pos: (code) => pos.get(code.trim()),
    coveragePolicy: (code) => policyByCpt.get(code.toUpperCase()),
    cpt: (code) => cpt.get(code.toUpperCase()),
    hcpcs: (code) => hcpcs.get(code.toUpperCase()),
    gpci: (key) => gpci.get(key),
    // Like the PFS: a year with no file of its own is priced with the latest earlier year's capped amounts.
    oppsCap: (code, modifier, locality, year) => {
      const key = `${code.toUpperCase()}|${modifier.toUpperCase()}|${locality}`;
      if (oppsCap.has(year)) return oppsCap.get(year)?.get(key);
      const earlier = [...oppsCap.keys()].filter((y) => y < year).sort((a, b) => b - a)[0];
      return earlier === undefined ? undefined : oppsCap.get(earlier)?.get(key);
    },

    currency(dos: IsoDate): DataCurrencyNotice[] {
      const notices: DataCurrencyNotice[] = [];
      const groups: [DataVersion['kind'], DataVersion[], string][] = [
        ['icd10cm', icdSets.map((s) => s.version), 'ICD-10-CM code set'],
        ['pfs', pfsSets.map((s) => s.version), 'physician fee schedule'],
        ['ncci-ptp', ptpSets.map((s) => s.version), 'NCCI procedure-to-procedure edits'],
        ['mue', mueSets.map((s) => s.version), 'medically unlikely edits'],
      ];
      for (const [kind, list, name] of groups) {
        if (list.length === 0) {
          notices.push({ kind, code: 'DATA_SET_MISSING', message: `No ${name} is loaded; these checks were skipped.` });
          continue;
        }
        const covering = list.filter((v) => versionCovers(v, dos));
        if (covering.length === 0) {
          const loaded = list.map((v) => `${v.label} (${v.effectiveFrom} to ${v.effectiveTo ?? 'open'})`).join(', ');
          notices.push({
            kind,
            code: 'CODE_SET_NOT_CURRENT',
            message: `The loaded ${name} (${loaded}) does not govern date of service ${dos}; results use the closest loaded version. Load the current release.`,
          });
        } else if (covering.every((v) => v.source === 'curated')) {
          notices.push({
            kind,
            code: 'CURATED_DATA',
            message: `The ${name} in use are the curated imaging set (${covering.map((v) => v.label).join(', ')}), not the CMS quarterly file.`,
          });
        }
      }
      return notices;
    },
  };
}
