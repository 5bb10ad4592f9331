import type { StoredScrubFinding } from '../db/claim-findings-table';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { codeExam } from '../domain/coding/code-exam';
import { dateOfService } from '../domain/coding/date-of-service';
import type { BillingArrangement, ExamContrast, Laterality, PerformedProcedure as CodingProcedure } from '../domain/coding/exam-input';
import type { ScrubContext } from '../domain/scrub/scrub-context';
import { getFacility } from '../db/repositories/organisations';
import type { PerformedProcedure } from '../domain/lifecycle';
import type { PayerType } from '../domain/policy';
import type { RefData } from '../domain/refdata/ref-data';
import { sameDayEdits, type SameDayExam } from '../domain/coding/same-day-edits';
import { scrubClaim } from '../domain/scrub/scrub-claim';
import type { Config } from '../platform/config';
import type { Chargemaster } from '../domain/coding/chargemaster';
import type { ClaimKind } from '../domain/coding/claim';
import { type Facility, billerOf } from '../domain/organisations/organisations';
import { chargemasterItemsAround } from '../db/repositories/chargemaster';
import type { CodingSnapshot } from '../workflows/exam/messages';
import { type RefDataSource, postgresRefData } from './refdata/postgres-refdata';
import { lockAndReadSameDay, patientKeysOfExam, recordSameDayLines } from './same-day-lines';

export interface CodeAndScrubInput {
  examId: string;
  performed: { performedAt: string; placeOfService: string; contrast: boolean; procedures: PerformedProcedure[] };
  reportDiagnoses: string[];
  orderDiagnoses: string[];
  /** `id`: the facility's record (its time zone dates the service); absent or unknown: the UTC date, as before */
  facility: { id?: string; billingArrangement: BillingArrangement; placeOfService: string };
  payer: { id: string; payerType: PayerType; timelyFilingDays: number; riskWarningDays: number; timelyFilingBasis?: 'days' | 'one-calendar-year' };
  orderingProviderNpi: string;
  renderingProviderNpi?: string;
  /** the scrub date (YYYY-MM-DD), from the workflow's clock */
  today: string;
  /**
   * The patient's other exams of the same date of service and their coded lines. Absent: the activity looks them
   * up itself (when same-day edits are on); `[]`: none.
   */
  sameDay?: SameDayExam[];
}

export interface CodeAndScrubDeps {
  db: Db;
  /** same-day edits (on, and the patient key); off when absent */
  config?: Pick<Config, 'sameDay'>;
  /** where reference data comes from; the process-wide PostgreSQL source of `db` by default */
  refData?: RefDataSource;
}

type SnapshotFinding = CodingSnapshot['findings'][number];

/** The billing entity of each claim kind at the exam's facility, with its chargemaster (dated items). */
export type EntityChargemasters = Partial<Record<ClaimKind, { entityId: string; chargemaster?: Chargemaster }>>;

/** What the facility's record adds to coding: its time zone dates the service; its entities price and bill it. */
export interface FacilityContext {
  timeZone?: string;
  /** the entity that bills each claim kind there, with its chargemaster: each claim is priced from its entity's */
  entities?: EntityChargemasters;
}

const CONTRAST: Record<NonNullable<PerformedProcedure['contrast']>, Exclude<ExamContrast, 'given'>> = { none: 'none', with: 'with', 'without-then-with': 'without-and-with' };

/** A performed procedure as coding reads it (the RIS's facts: contrast, distinct, repeat, reduced, ABN). */
function codingProcedure(x: PerformedProcedure): CodingProcedure {
  return {
    cpt: x.cpt,
    units: x.units,
    modifiers: x.modifiers,
    ...(x.laterality ? { laterality: x.laterality as Laterality } : {}),
    ...(x.contrast ? { contrast: CONTRAST[x.contrast] } : {}),
    ...(x.distinct ? { distinct: x.distinct } : {}),
    ...(x.repeat ? { repeat: x.repeat } : {}),
    ...(x.reduced ? { reduced: true } : {}),
    ...(x.abn ? { abn: { signed: x.abn.signed, ...(x.abn.option ? { option: x.abn.option } : {}) } } : {}),
    ...(x.startedAt ? { startedAt: x.startedAt } : {}),
    ...(x.endedAt ? { endedAt: x.endedAt } : {}),
    ...(x.diagnoses && x.diagnoses.length > 0 ? { diagnoses: x.diagnoses } : {}),
  };
}

/**
 * The ABN facts of the procedures, as the scrubber reads them: the codes a signed ABN (option 1) covers, and the
 * codes the record says have none (GZ when Medicare is expected to deny).
 */
function abnOf(procedures: PerformedProcedure[]): { abn?: ScrubContext['abn']; noAbnCpts?: string[]; voluntaryAbnCpts?: string[] } {
  const signed = procedures.filter((p) => p.abn?.signed === true && (p.abn.option === undefined || p.abn.option === '1')).map((p) => p.cpt);
  const unsigned = procedures.filter((p) => p.abn?.signed === false).map((p) => p.cpt);
  return {
    ...(signed.length > 0 ? { abn: { signed: true, cpts: signed }, voluntaryAbnCpts: signed } : {}),
    ...(unsigned.length > 0 ? { noAbnCpts: unsigned } : {}),
  };
}

/**
 * Code and scrub with the given reference data (pure). Scrub findings name the claim they are about.
 * With `sameDay`, the edits across the patient's other exams of the date run on the scrubbed claims.
 */
export function codeAndScrub(input: CodeAndScrubInput, ref: RefData, facility: FacilityContext = {}): CodingSnapshot {
  return withSameDayEdits(codeAndScrubExam(input, ref, facility), input.sameDay ?? [], ref);
}

/** The edits across the patient's other exams of the date on a coded exam (pure; the snapshot is not changed). */
export function withSameDayEdits(snapshot: CodingSnapshot, sameDay: readonly SameDayExam[], ref: RefData): CodingSnapshot {
  if (sameDay.length === 0) return snapshot;
  const result = sameDayEdits(snapshot.claims, sameDay, ref);
  const needed = new Set(result.distinctNeeded.map((n) => `${n.claim}|${n.field}`));
  const findings = [...snapshot.findings.filter((f) => !(f.code === 'DISTINCT_MODIFIER_UNNEEDED' && needed.has(`${f.claim}|${f.field}`))), ...result.findings];
  return { ...snapshot, claims: result.claims, findings };
}

function codeAndScrubExam(input: CodeAndScrubInput, ref: RefData, facility: FacilityContext = {}): CodingSnapshot {
  const entities = facility.entities ?? {};
  const p = input.performed;
  // The exam-level yes/no says contrast was given, not whether images were also taken before it.
  const contrast: ExamContrast = p.contrast ? 'given' : 'none';
  const coded = codeExam(
    {
      exam: {
        performedAt: p.performedAt,
        placeOfService: p.placeOfService,
        contrast,
        procedures: p.procedures.map(codingProcedure),
      },
      report: { diagnoses: input.reportDiagnoses },
      orderDiagnoses: input.orderDiagnoses,
      facility: { billingArrangement: input.facility.billingArrangement, placeOfService: input.facility.placeOfService },
      dateOfService: dateOfService(p.performedAt, facility.timeZone),
      payerKind: input.payer.payerType,
      ...(Object.values(entities).some((e) => e.chargemaster)
        ? { chargemasters: Object.fromEntries(Object.entries(entities).flatMap(([kind, e]) => (e.chargemaster ? [[kind, e.chargemaster]] : []))) }
        : {}),
    },
    ref,
  );
  const abn = abnOf(p.procedures);
  const findings: SnapshotFinding[] = [...coded.findings];
  // Exam-wide findings of coding (e.g. the reference data in use) are not repeated per claim.
  const examWide = new Set(coded.findings.map((f) => `${f.code}|${f.field}|${f.message}`));
  const claims = coded.claims.map((claim) => {
    const scrubbed = scrubClaim(claim, {
      refData: ref,
      today: input.today,
      payer: { id: input.payer.id, kind: input.payer.payerType, timelyFilingDays: input.payer.timelyFilingDays, timelyFilingWarningDays: input.payer.riskWarningDays, ...(input.payer.timelyFilingBasis ? { timelyFilingBasis: input.payer.timelyFilingBasis } : {}) },
      orderingProviderNpi: input.orderingProviderNpi,
      ...(input.renderingProviderNpi ? { renderingProviderNpi: input.renderingProviderNpi } : {}),
      ...abn,
    });
    findings.push(
      ...scrubbed.findings.filter((f) => !examWide.has(`${f.code}|${f.field}|${f.message}`)).map((f) => ({ ...f, claim: claim.kind })),
      ...scrubbed.autoFixed.map((f) => ({ ...f, autoFixable: true, claim: claim.kind })),
    );
    const entityId = entities[claim.kind]?.entityId;
    return entityId ? { ...scrubbed.claim, billingEntityId: entityId } : scrubbed.claim;
  });
  const totalChargeCents = claims.reduce((sum, c) => sum + c.lines.reduce((s, l) => s + l.chargeCents, 0), 0);
  return { claims, findings, totalChargeCents };
}

/** A finding as people see it: `autoFixed` where the engine corrected it itself. */
export function shownFinding(f: SnapshotFinding): StoredScrubFinding {
  return { code: f.code, severity: f.severity, field: f.field, message: f.message, fix: f.fix, autoFixed: f.autoFixable };
}

/**
 * Codes the performed exam (CPT/HCPCS, ICD-10-CM, modifiers, components) and scrubs every claim with the
 * reference data in PostgreSQL: the releases governing the date of service, from an index built once per
 * set of loaded releases and rebuilt when a release is loaded (the bundled data answers while none is).
 * Reads, then one write: each claim's findings, for the claims API; the workflow keeps the snapshot.
 */
export function createCodeAndScrubActivities(deps: CodeAndScrubDeps) {
  const source = deps.refData ?? postgresRefData(deps.db);
  return {
    async codeAndScrubClaims(input: CodeAndScrubInput): Promise<CodingSnapshot> {
      const ref = await source.get();
      // A facility with a record dates its exams in its own time zone; one without is billed as before.
      const facilityRecord = input.facility.id ? await getFacility(deps.db, input.facility.id) : undefined;
      const facility: FacilityContext = facilityRecord ? { timeZone: facilityRecord.timeZone, entities: await entityChargemasters(deps.db, input, facilityRecord) } : {};
      const sameDay = deps.config?.sameDay;
      if (input.sameDay !== undefined || !sameDay?.enabled || !sameDay.patientKey) {
        const snapshot = codeAndScrub(input, ref, facility);
        await recordFindings(deps.db, input, snapshot, ref);
        return snapshot;
      }
      // The patient's other exams of the date are read and this one's lines written under the patient's locks,
      // so that of two exams coded at once the second sees the first.
      const patientKey = sameDay.patientKey;
      return deps.db.transaction().execute(async (trx) => {
        const coded = codeAndScrubExam(input, ref, facility);
        const dateOfService = coded.claims[0]?.dateOfService ?? input.performed.performedAt.slice(0, 10);
        const keys = await patientKeysOfExam(trx, input.examId, patientKey);
        const others = await lockAndReadSameDay(trx, input.examId, dateOfService, keys);
        const snapshot = withSameDayEdits(coded, others, ref);
        await recordSameDayLines(trx, input.examId, dateOfService, keys, snapshot.claims);
        await recordFindings(trx, input, snapshot, ref);
        return snapshot;
      });
    },
  };
}

/** Each claim's findings, for the claims API (the latest coding of the exam wins: a report addendum codes it again). */
async function recordFindings(db: Db | Transaction<Database>, input: CodeAndScrubInput, snapshot: CodingSnapshot, ref: RefData): Promise<void> {
  const versions = ref.versions().map((v) => v.label);
  const rows = snapshot.claims.map((claim) => ({
    exam_id: input.examId,
    claim_kind: claim.kind,
    date_of_service: claim.dateOfService,
    scrub_findings: JSON.stringify(snapshot.findings.filter((f) => f.claim === undefined || f.claim === claim.kind).map(shownFinding)),
    refdata_versions: versions,
    coded_at: new Date(),
  }));
  if (rows.length === 0) return;
  await db
    .insertInto('claim_scrub_findings')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['exam_id', 'claim_kind']).doUpdateSet((eb) => ({
        date_of_service: eb.ref('excluded.date_of_service'),
        scrub_findings: eb.ref('excluded.scrub_findings'),
        refdata_versions: eb.ref('excluded.refdata_versions'),
        coded_at: eb.ref('excluded.coded_at'),
      })),
    )
    .execute();
}

/**
 * The chargemaster of the entity that bills each claim kind at the exam's facility under its arrangement, on the
 * date of service. An exam whose facility has no setup (no facilities row) gets none: it is priced as before.
 */
export async function entityChargemasters(db: Db, input: CodeAndScrubInput, facility: Facility): Promise<EntityChargemasters> {
  const dos = dateOfService(input.performed.performedAt, facility.timeZone);
  const out: EntityChargemasters = {};
  const byEntity = new Map<string, Chargemaster | undefined>();
  for (const kind of ['global', 'technical', 'professional'] as const) {
    const entityId = billerOf(facility, input.facility.billingArrangement, kind);
    if (!entityId) continue;
    if (!byEntity.has(entityId)) {
      // An entity with no chargemaster yet is priced by the default rule, without a warning on every line.
      const items = await chargemasterItemsAround(db, entityId, dos);
      byEntity.set(entityId, items.length > 0 ? { prices: {}, items } : undefined);
    }
    const chargemaster = byEntity.get(entityId);
    out[kind] = { entityId, ...(chargemaster ? { chargemaster } : {}) };
  }
  return out;
}
