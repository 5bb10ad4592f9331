import type { StoredScrubFinding } from '../db/claim-findings-table';
import type { Db } from '../db/database';
import { codeExam } from '../domain/coding/code-exam';
import type { BillingArrangement, ExamContrast, Laterality } from '../domain/coding/exam-input';
import type { PerformedProcedure } from '../domain/lifecycle';
import type { PayerType } from '../domain/policy';
import type { RefData } from '../domain/refdata/ref-data';
import { scrubClaim } from '../domain/scrub/scrub-claim';
import type { CodingSnapshot } from '../workflows/exam/messages';
import { type RefDataSource, postgresRefData } from './refdata/postgres-refdata';

export interface CodeAndScrubInput {
  examId: string;
  performed: { performedAt: string; placeOfService: string; contrast: boolean; procedures: PerformedProcedure[] };
  reportDiagnoses: string[];
  orderDiagnoses: string[];
  facility: { billingArrangement: BillingArrangement; placeOfService: string };
  payer: { id: string; payerType: PayerType; timelyFilingDays: number; riskWarningDays: number; timelyFilingBasis?: 'days' | 'one-calendar-year' };
  orderingProviderNpi: string;
  renderingProviderNpi?: string;
  /** the scrub date (YYYY-MM-DD), from the workflow's clock */
  today: string;
}

export interface CodeAndScrubDeps {
  db: Db;
  /** where reference data comes from; the process-wide PostgreSQL source of `db` by default */
  refData?: RefDataSource;
}

type SnapshotFinding = CodingSnapshot['findings'][number];

/** Code and scrub with the given reference data (pure). Scrub findings name the claim they are about. */
export function codeAndScrub(input: CodeAndScrubInput, ref: RefData): CodingSnapshot {
  const p = input.performed;
  const contrast: ExamContrast = p.contrast ? 'with' : 'none';
  const coded = codeExam(
    {
      exam: {
        performedAt: p.performedAt,
        placeOfService: p.placeOfService,
        contrast,
        procedures: p.procedures.map((x) => ({
          cpt: x.cpt,
          units: x.units,
          modifiers: x.modifiers,
          ...(x.laterality ? { laterality: x.laterality as Laterality } : {}),
        })),
      },
      report: { diagnoses: input.reportDiagnoses },
      orderDiagnoses: input.orderDiagnoses,
      facility: input.facility,
      dateOfService: p.performedAt.slice(0, 10),
      payerKind: input.payer.payerType,
    },
    ref,
  );
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
    });
    findings.push(
      ...scrubbed.findings.filter((f) => !examWide.has(`${f.code}|${f.field}|${f.message}`)).map((f) => ({ ...f, claim: claim.kind })),
      ...scrubbed.autoFixed.map((f) => ({ ...f, autoFixable: true, claim: claim.kind })),
    );
    return scrubbed.claim;
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
      const snapshot = codeAndScrub(input, ref);
      const versions = ref.versions().map((v) => v.label);
      const rows = snapshot.claims.map((claim) => ({
        exam_id: input.examId,
        claim_kind: claim.kind,
        date_of_service: claim.dateOfService,
        scrub_findings: JSON.stringify(snapshot.findings.filter((f) => f.claim === undefined || f.claim === claim.kind).map(shownFinding)),
        refdata_versions: versions,
        coded_at: new Date(),
      }));
      if (rows.length > 0) {
        // The latest coding of the exam wins (a report addendum codes it again).
        await deps.db
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
      return snapshot;
    },
  };
}
