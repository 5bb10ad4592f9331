import { bundledRefData } from '../../../activities/refdata/bundled-refdata';
import type { Chargemaster } from '../../../domain/coding/chargemaster';
import type { Claim } from '../../../domain/coding/claim';
import { codeExam, type CodingResult } from '../../../domain/coding/code-exam';
import type { BillingArrangement, ExamContrast, PayerKind, PerformedProcedure } from '../../../domain/coding/exam-input';
import { scrubClaim } from '../../../domain/scrub/scrub-claim';
import type { ScrubContext, ScrubPayer, ScrubResult } from '../../../domain/scrub/scrub-context';

export const ORDERING_NPI = '1234567893';
export const RADIOLOGIST_NPI = '1987654328';

export const PAYERS: Record<string, ScrubPayer> = {
  'medicare-b': { id: 'medicare-b', kind: 'medicare', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  'medicare-advantage': { id: 'medicare-advantage', kind: 'medicare-advantage', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  medicaid: { id: 'medicaid', kind: 'medicaid', timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  'commercial-a': { id: 'commercial-a', kind: 'commercial', timelyFilingDays: 180, timelyFilingWarningDays: 30 },
  'commercial-b': { id: 'commercial-b', kind: 'commercial', timelyFilingDays: 90, timelyFilingWarningDays: 30 },
};

export interface Scenario {
  name: string;
  payer: keyof typeof PAYERS;
  arrangement: BillingArrangement;
  pos: string;
  billsInstitutionally?: boolean;
  contrast?: ExamContrast;
  procedures: PerformedProcedure[];
  report: string[];
  order?: string[];
  dos?: string;
  today?: string;
  chargemaster?: Chargemaster;
  abn?: ScrubContext['abn'];
  orderingNpi?: string | null;
  earlierClaims?: Claim[];
  expect: {
    /** Scrubbed claims: kind, form, billed by, and lines as "CPT-MOD-MOD xUNITS". */
    claims?: { kind: Claim['kind']; form: Claim['form']; billedBy?: Claim['billedBy']; lines: string[] }[];
    coding?: string[];
    scrub?: string[];
    fixed?: string[];
    /** No error from coding or scrubbing. */
    clean?: boolean;
    diagnoses?: string[];
    /** Pointers of the first claim's lines after scrubbing. */
    pointers?: number[][];
    /** Charges of the first claim's lines after scrubbing, in cents. */
    charges?: number[];
  };
}

export interface ScenarioRun {
  coding: CodingResult;
  scrubbed: ScrubResult[];
}

export function lineLabel(l: Claim['lines'][number]): string {
  return `${l.cpt}${l.modifiers.map((m) => `-${m}`).join('')}${l.units > 1 ? ` x${l.units}` : ''}`;
}

export function runScenario(s: Scenario): ScenarioRun {
  const ref = bundledRefData();
  const dos = s.dos ?? '2025-03-10';
  const payer = PAYERS[s.payer] as ScrubPayer;
  const coding = codeExam(
    {
      exam: { performedAt: `${dos}T14:00:00Z`, placeOfService: s.pos, contrast: s.contrast ?? 'none', procedures: s.procedures },
      report: { diagnoses: s.report },
      orderDiagnoses: s.order ?? [],
      facility: { billingArrangement: s.arrangement, placeOfService: s.pos, ...(s.billsInstitutionally ? { billsInstitutionally: true } : {}) },
      dateOfService: dos,
      payerKind: payer.kind as PayerKind,
      ...(s.chargemaster ? { chargemaster: s.chargemaster } : {}),
    },
    ref,
  );
  const scrubbed = coding.claims.map((claim) =>
    scrubClaim(claim, {
      refData: ref,
      today: s.today ?? '2025-03-20',
      payer,
      ...(s.orderingNpi === null ? {} : { orderingProviderNpi: s.orderingNpi ?? ORDERING_NPI }),
      renderingProviderNpi: RADIOLOGIST_NPI,
      ...(s.abn ? { abn: s.abn } : {}),
      ...(s.earlierClaims ? { earlierClaims: s.earlierClaims } : {}),
    }),
  );
  return { coding, scrubbed };
}
