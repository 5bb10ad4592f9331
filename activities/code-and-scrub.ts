import { codeExam } from '../domain/coding/code-exam';
import type { BillingArrangement, ExamContrast, Laterality } from '../domain/coding/exam-input';
import type { PerformedProcedure } from '../domain/lifecycle';
import type { PayerType } from '../domain/policy';
import { scrubClaim } from '../domain/scrub/scrub-claim';
import type { CodingSnapshot } from '../workflows/exam/messages';
import { bundledRefData } from './refdata/bundled-refdata';

export interface CodeAndScrubInput {
  examId: string;
  performed: { performedAt: string; placeOfService: string; contrast: boolean; procedures: PerformedProcedure[] };
  reportDiagnoses: string[];
  orderDiagnoses: string[];
  facility: { billingArrangement: BillingArrangement; placeOfService: string };
  payer: { id: string; payerType: PayerType; timelyFilingDays: number; riskWarningDays: number };
  orderingProviderNpi: string;
  renderingProviderNpi?: string;
  /** the scrub date (YYYY-MM-DD), from the workflow's clock */
  today: string;
}

/**
 * Codes the performed exam (CPT/HCPCS, ICD-10-CM, modifiers, components) and scrubs every claim
 * with the bundled reference data. Reads only: the workflow keeps the result.
 */
export function createCodeAndScrubActivities() {
  return {
    async codeAndScrubClaims(input: CodeAndScrubInput): Promise<CodingSnapshot> {
      const ref = bundledRefData();
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
      const findings = [...coded.findings];
      const claims = coded.claims.map((claim) => {
        const scrubbed = scrubClaim(claim, {
          refData: ref,
          today: input.today,
          payer: { id: input.payer.id, kind: input.payer.payerType, timelyFilingDays: input.payer.timelyFilingDays, timelyFilingWarningDays: input.payer.riskWarningDays },
          orderingProviderNpi: input.orderingProviderNpi,
          ...(input.renderingProviderNpi ? { renderingProviderNpi: input.renderingProviderNpi } : {}),
        });
        findings.push(...scrubbed.findings, ...scrubbed.autoFixed.map((f) => ({ ...f, autoFixable: true })));
        return scrubbed.claim;
      });
      const totalChargeCents = claims.reduce((sum, c) => sum + c.lines.reduce((s, l) => s + l.chargeCents, 0), 0);
      return { claims, findings, totalChargeCents };
    },
  };
}
