import type { Db } from '../../db/database';
import { postLedgerEntries } from '../../db/repositories/ledger';
import {
  GROSS_CHARGES,
  PATIENT_RECEIVABLE,
  applyEntry,
  chargeEntry,
  isReversed,
  movement,
  reversalEntry,
  type CalendarDate,
  type LedgerEntry,
  type LedgerLine,
  type LedgerState,
} from '../../domain/ledger';
import { applyUnappliedCashEntry } from '../../domain/patient-balance';
import { withLedgerFailures } from './ledger-failure';

export interface ChargedLine {
  lineNumber: number;
  cpt: string;
  chargeCents: number;
}

export interface PostClaimChargesInput {
  examId: string;
  claimId: string;
  version: number;
  /** the payer billed; the patient when the claim is self-pay */
  billTo: { kind: 'insurance'; payerId: string } | { kind: 'patient' };
  lines: ChargedLine[];
  effectiveDate: CalendarDate;
}

export interface PostChargesResult {
  chargeCents: number;
  /** false when these charges had been posted before */
  posted: boolean;
}

/** The line control number the 837 carries for a claim line (REF*6R), so that 835 lines match it. */
export function lineControlNumber(claimId: string, lineNumber: number): string {
  return `${claimId.slice(0, 40)}-${lineNumber}`;
}

/** The idempotency key chargeEntry gives a claim version's charges. */
function claimChargeKey(claimId: string, version: number): string {
  return `charge:${claimId}:v${version}`;
}

/** Charges of earlier versions of the claim that a new version replaces (reversed before it posts). */
function replacedCharges(state: LedgerState, claimId: string, version: number): LedgerEntry[] {
  return state.entries.filter(
    (e) => e.source.kind === 'charge' && e.claimId === claimId && e.idempotencyKey !== claimChargeKey(claimId, version) && !isReversed(state, e.entryId),
  );
}

/** Self-pay charges: no claim, billed to the patient. */
function selfPayChargeEntry(input: { examId: string; lines: ChargedLine[]; effectiveDate: CalendarDate }): LedgerEntry {
  const key = `charge:${input.examId}:self-pay`;
  const lines: LedgerLine[] = input.lines.flatMap((l) =>
    movement(PATIENT_RECEIVABLE, GROSS_CHARGES, l.chargeCents, { lineControlNumber: `${input.examId}-${l.lineNumber}`, procedureCode: l.cpt }),
  );
  return { entryId: key, examId: input.examId, lines, source: { kind: 'charge', documentId: input.examId, reference: 'self-pay' }, effectiveDate: input.effectiveDate, idempotencyKey: key };
}

export function createChargeActivities({ db }: { db: Db }) {
  return {
    /**
     * Releases a claim version's charges: gross charges to the receivable of the payer billed.
     * A new version first reverses the charges of the version it replaces. Once per claim version.
     */
    async postClaimCharges(input: PostClaimChargesInput): Promise<PostChargesResult> {
      const chargeCents = input.lines.reduce((t, l) => t + l.chargeCents, 0);
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) => {
          if (state.entryIdByKey[claimChargeKey(input.claimId, input.version)] !== undefined) return [];
          const reversals = replacedCharges(state, input.claimId, input.version).map((e) =>
            reversalEntry(state, { entryId: e.entryId, documentId: input.claimId, reference: `v${input.version}`, effectiveDate: input.effectiveDate }),
          );
          const charge = chargeEntry({
            examId: input.examId,
            claimId: input.claimId,
            version: input.version,
            billTo: input.billTo,
            lines: input.lines.map((l) => ({ lineControlNumber: lineControlNumber(input.claimId, l.lineNumber), procedureCode: l.cpt, chargeCents: l.chargeCents })),
            documentId: input.claimId,
            effectiveDate: input.effectiveDate,
          });
          return [...reversals, { ...charge, source: { ...charge.source, reference: `v${input.version}` } }];
        });
        return { chargeCents, posted: result.outcomes.some((o) => o.applied && o.entry.source.kind === 'charge') };
      });
    },

    /** Self-pay charges to the patient (no claim), then any prepayment held as unapplied cash is applied. */
    async postSelfPayCharges(input: { examId: string; lines: ChargedLine[]; effectiveDate: CalendarDate }): Promise<PostChargesResult> {
      const chargeCents = input.lines.reduce((t, l) => t + l.chargeCents, 0);
      return withLedgerFailures(async () => {
        const result = await postLedgerEntries(db, input.examId, (state) => {
          const charge = selfPayChargeEntry(input);
          if (state.entryIdByKey[charge.idempotencyKey] !== undefined || charge.lines.length === 0) return [];
          const charged = applyEntry(state, charge);
          if (!charged.ok) return [charge];
          const applied = applyUnappliedCashEntry(charged.state, { effectiveDate: input.effectiveDate, documentId: input.examId, idempotencyKey: `unapplied:${input.examId}:self-pay` });
          return [charge, applied];
        });
        return { chargeCents, posted: result.outcomes.some((o) => o.applied && o.entry.source.kind === 'charge') };
      });
    },
  };
}
