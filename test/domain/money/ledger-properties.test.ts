import fc from 'fast-check';
import {
  PATIENT_RECEIVABLE,
  applyEntry,
  balances,
  chargeEntry,
  checkInvariants,
  emptyLedger,
  insuranceReceivable,
  netOf,
  transferEntry,
  writeOffEntry,
  WRITE_OFF_KINDS,
  type LedgerEntry,
  type LedgerState,
} from '../../../domain/ledger';
import {
  applyPatientPayment,
  applyUnappliedCashEntry,
  refundCreditBalanceEntry,
  refundIssuedEntry,
  smallBalanceWriteOffEntry,
} from '../../../domain/patient-balance';
import {
  postClaimPayment,
  type AdjudicatedLine,
  type BilledClaim,
  type ClaimAdjudication,
  type PostingInput,
  type RemitAdjustment,
} from '../../../domain/posting';

const EXAM = 'ex_prop';
const PRIMARY = 'medicare-b';
const SECONDARY = 'commercial-b';

const CLAIMS: readonly BilledClaim[] = [
  { claimId: 'c1', payerId: PRIMARY, lines: [
    { lineControlNumber: 'c1-1', procedureCode: '70553', modifiers: [], chargeCents: 250_000 },
    { lineControlNumber: 'c1-2', procedureCode: '72158', modifiers: ['26'], chargeCents: 41_337 },
  ] },
  { claimId: 'c2', payerId: PRIMARY, lines: [{ lineControlNumber: 'c2-1', procedureCode: '71046', modifiers: [], chargeCents: 9_999 }] },
];

/** How a payer splits one line: cut points (per mille) into paid / contractual / PR / denied. */
const lineSplitArb = fc.record({
  cuts: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
  prReason: fc.constantFrom('1', '2', '3', '204'),
  deniedReason: fc.constantFrom('97', '50', '197', '16', '18'),
});

const adjudicationArb = fc.record({
  claimIndex: fc.integer({ min: 0, max: CLAIMS.length - 1 }),
  splits: fc.array(lineSplitArb, { minLength: 2, maxLength: 2 }),
  withSecondary: fc.boolean(),
});

interface LineSplit {
  cuts: [number, number, number];
  prReason: string;
  deniedReason: string;
}
interface AdjudicationSpec {
  claimIndex: number;
  splits: LineSplit[];
  withSecondary: boolean;
}

type Event =
  | { kind: 'post835'; spec: AdjudicationSpec }
  | { kind: 'reverseAndRepost'; claimIndex: number; spec: AdjudicationSpec }
  | { kind: 'secondary835'; claimIndex: number; paidPerMille: number }
  | { kind: 'replay835'; pick: number }
  | { kind: 'patientPayment'; amountCents: number; reuse: number | null }
  | { kind: 'writeOff'; writeOffKind: (typeof WRITE_OFF_KINDS)[number]; fromPatient: boolean; perMille: number }
  | { kind: 'smallBalance'; thresholdCents: number }
  | { kind: 'refund'; issue: boolean }
  | { kind: 'applyUnapplied' }
  | { kind: 'secondaryToPatient'; perMille: number };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: adjudicationArb.map((spec) => ({ kind: 'post835' as const, spec })) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: CLAIMS.length - 1 }), adjudicationArb).map(([claimIndex, spec]) => ({ kind: 'reverseAndRepost' as const, claimIndex, spec: { ...spec, claimIndex } })) },
  { weight: 1, arbitrary: fc.record({ claimIndex: fc.integer({ min: 0, max: CLAIMS.length - 1 }), paidPerMille: fc.integer({ min: 0, max: 1000 }) }).map((e) => ({ kind: 'secondary835' as const, ...e })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'replay835' as const, pick })) },
  { weight: 3, arbitrary: fc.record({ amountCents: fc.integer({ min: 1, max: 80_000 }), reuse: fc.option(fc.nat(), { nil: null }) }).map((e) => ({ kind: 'patientPayment' as const, ...e })) },
  { weight: 1, arbitrary: fc.record({ writeOffKind: fc.constantFrom(...WRITE_OFF_KINDS), fromPatient: fc.boolean(), perMille: fc.integer({ min: 1, max: 1000 }) }).map((e) => ({ kind: 'writeOff' as const, ...e })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000 }).map((thresholdCents) => ({ kind: 'smallBalance' as const, thresholdCents })) },
  { weight: 1, arbitrary: fc.boolean().map((issue) => ({ kind: 'refund' as const, issue })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'applyUnapplied' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }).map((perMille) => ({ kind: 'secondaryToPatient' as const, perMille })) },
);

function part(total: number, perMille: number): number {
  return Math.floor((total * perMille) / 1000);
}

function buildAdjudication(claim: BilledClaim, splits: readonly LineSplit[], payerClaimNumber: string): ClaimAdjudication {
  const lines: AdjudicatedLine[] = claim.lines.map((billed, i) => {
    const split = splits[i % splits.length]!;
    const [a, b, c] = [...split.cuts].sort((x, y) => x - y).map((cut) => part(billed.chargeCents, cut)) as [number, number, number];
    const paid = a;
    const contractual = b - a;
    const patient = c - b;
    const denied = billed.chargeCents - c;
    const adjustments: RemitAdjustment[] = [
      { group: 'CO', reasonCode: '45', amountCents: contractual },
      { group: 'PR', reasonCode: split.prReason, amountCents: patient },
      { group: 'CO', reasonCode: split.deniedReason, amountCents: denied },
    ].filter((adj) => adj.amountCents !== 0) as RemitAdjustment[];
    return { lineControlNumber: billed.lineControlNumber, procedureCode: billed.procedureCode, modifiers: billed.modifiers, chargeCents: billed.chargeCents, paidCents: paid, adjustments, remarkCodes: [] };
  });
  const paidCents = lines.reduce((t, l) => t + l.paidCents, 0);
  const pr = lines.flatMap((l) => l.adjustments).filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0);
  const allDenied = paidCents === 0 && pr === 0;
  return {
    claimId: claim.claimId,
    statusCode: allDenied ? '4' : '1',
    chargeCents: claim.lines.reduce((t, l) => t + l.chargeCents, 0),
    paidCents,
    patientResponsibilityCents: pr,
    payerClaimNumber,
    claimAdjustments: [],
    lines,
    remarkCodes: [],
  };
}

function negate(adj: ClaimAdjudication): ClaimAdjudication {
  return {
    ...adj,
    statusCode: '22',
    chargeCents: -adj.chargeCents,
    paidCents: -adj.paidCents,
    patientResponsibilityCents: -adj.patientResponsibilityCents,
    lines: adj.lines.map((l) => ({ ...l, chargeCents: -l.chargeCents, paidCents: -l.paidCents, adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })) })),
  };
}

function expectInvariants(state: LedgerState): void {
  const report = checkInvariants(state);
  if (!report.ok) throw new Error(`invariants broken: ${JSON.stringify(report.violations)}`);
  const s = balances(state).summary;
  expect(s.chargesCents).toBe(s.paymentsCents + s.adjustmentsCents + s.insuranceOpenCents + s.patientOpenCents);
  for (const entry of state.entries) {
    const debit = entry.lines.reduce((t, l) => t + l.debitCents, 0);
    const credit = entry.lines.reduce((t, l) => t + l.creditCents, 0);
    expect(debit).toBe(credit);
  }
  for (const account of Object.keys(state.netByAccount)) {
    if ((account === PATIENT_RECEIVABLE || account.startsWith('insurance_receivable:')) && netOf(state, account) < 0) {
      expect(state.creditBalanceAccounts).toContain(account);
    }
  }
}

describe('ledger properties over random event sequences', () => {
  it('every step keeps the ledger balanced and replays change nothing', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 25 }), (events) => {
        let state = emptyLedger(EXAM);
        for (const claim of CLAIMS) {
          const result = applyEntry(state, chargeEntry({ examId: EXAM, claimId: claim.claimId, billTo: { kind: 'insurance', payerId: PRIMARY }, lines: claim.lines, documentId: `doc-${claim.claimId}`, effectiveDate: '2026-01-05' }));
          if (!result.ok) throw new Error(result.rejection.code);
          state = result.state;
        }
        expectInvariants(state);
        const posted: PostingInput[] = [];
        const payments: Array<{ reference: string; amountCents: number }> = [];
        let seq = 0;
        const post = (input: Omit<PostingInput, 'ledger'>) => {
          const outcome = postClaimPayment({ ...input, ledger: state });
          if (!outcome.ok) throw new Error(`posting refused: ${outcome.error.message}`);
          state = outcome.state;
          posted.push({ ...input, ledger: state });
        };
        const apply = (entry: LedgerEntry | null) => {
          if (!entry) return;
          const result = applyEntry(state, entry);
          if (!result.ok) throw new Error(`entry refused: ${result.rejection.code}`);
          state = result.state;
        };

        for (const event of events) {
          seq += 1;
          const date = `2026-02-${String((seq % 28) + 1).padStart(2, '0')}`;
          switch (event.kind) {
            case 'post835': {
              const claim = CLAIMS[event.spec.claimIndex]!;
              post({
                remittance: { payerId: PRIMARY, traceNumber: `T${seq}`, documentId: `era-${seq}`, paymentDate: date },
                adjudication: buildAdjudication(claim, event.spec.splits, `ICN${seq}`),
                billed: claim,
                ...(event.spec.withSecondary ? { nextPayerId: SECONDARY } : {}),
              });
              break;
            }
            case 'reverseAndRepost': {
              const claim = CLAIMS[event.claimIndex]!;
              const previous = [...posted].reverse().find((p) => p.adjudication.claimId === claim.claimId && p.remittance.payerId === PRIMARY && p.adjudication.statusCode !== '22');
              if (!previous) break;
              const remittance = { payerId: PRIMARY, traceNumber: `T${seq}`, documentId: `era-${seq}`, paymentDate: date };
              post({ remittance, adjudication: negate(previous.adjudication), billed: claim });
              post({ remittance, adjudication: buildAdjudication(claim, event.spec.splits, `ICN${seq}`), billed: claim, ...(event.spec.withSecondary ? { nextPayerId: SECONDARY } : {}) });
              break;
            }
            case 'secondary835': {
              const claim = CLAIMS[event.claimIndex]!;
              let open = 0;
              for (const e of state.entries) if (e.claimId === claim.claimId) for (const l of e.lines) if (l.account === insuranceReceivable(SECONDARY)) open += l.debitCents - l.creditCents;
              if (open <= 0) break;
              const paid = part(open, event.paidPerMille);
              const charge = claim.lines.reduce((t, l) => t + l.chargeCents, 0);
              post({
                remittance: { payerId: SECONDARY, traceNumber: `S${seq}`, documentId: `era-s-${seq}`, paymentDate: date },
                adjudication: {
                  claimId: claim.claimId, statusCode: '2', chargeCents: charge, paidCents: paid, patientResponsibilityCents: open - paid, payerClaimNumber: `SEC${seq}`,
                  claimAdjustments: [
                    { group: 'OA', reasonCode: '23', amountCents: charge - open },
                    { group: 'PR', reasonCode: '2', amountCents: open - paid },
                  ].filter((a) => a.amountCents !== 0) as RemitAdjustment[],
                  lines: [], remarkCodes: [],
                },
                billed: { ...claim, payerId: SECONDARY },
              });
              break;
            }
            case 'replay835': {
              if (posted.length === 0) break;
              const replay = posted[event.pick % posted.length]!;
              const before = state;
              const outcome = postClaimPayment({ ...replay, ledger: state });
              expect(outcome.ok).toBe(true);
              if (outcome.ok) {
                expect(outcome.alreadyPosted).toBe(true);
                expect(outcome.state).toBe(before);
              }
              break;
            }
            case 'patientPayment': {
              const reused = event.reuse !== null && payments.length > 0 ? payments[event.reuse % payments.length]! : null;
              const payment = reused ?? { reference: `P${seq}`, amountCents: event.amountCents };
              const before = state;
              const result = applyPatientPayment(state, { ...payment, method: 'card', receivedDate: date, documentId: `rcpt-${seq}` });
              if (reused) {
                expect(result.duplicate).toBe(true);
                expect(result.state).toBe(before);
              } else payments.push(payment);
              state = result.state;
              break;
            }
            case 'writeOff': {
              const from = event.fromPatient ? PATIENT_RECEIVABLE : insuranceReceivable(PRIMARY);
              const open = netOf(state, from);
              const amount = part(open, event.perMille);
              if (amount <= 0) break;
              apply(writeOffEntry({ examId: EXAM, from, kind: event.writeOffKind, amountCents: amount, documentId: `appr-${seq}`, effectiveDate: date, idempotencyKey: `wo:${seq}` }));
              break;
            }
            case 'smallBalance':
              apply(smallBalanceWriteOffEntry(state, { thresholdCents: event.thresholdCents, effectiveDate: date, documentId: 'policy', idempotencyKey: `sb:${seq}` }));
              break;
            case 'refund': {
              apply(refundCreditBalanceEntry(state, { effectiveDate: date, documentId: `rf-${seq}`, idempotencyKey: `refund:${seq}` }));
              const payable = balances(state).summary.refundsPayableCents;
              if (event.issue && payable > 0) apply(refundIssuedEntry(state, { amountCents: payable, effectiveDate: date, documentId: `chk-${seq}`, idempotencyKey: `refund-paid:${seq}` }));
              break;
            }
            case 'applyUnapplied':
              apply(applyUnappliedCashEntry(state, { effectiveDate: date, documentId: 'auto', idempotencyKey: `apply:${seq}` }));
              break;
            case 'secondaryToPatient': {
              const open = netOf(state, insuranceReceivable(SECONDARY));
              const amount = part(open, event.perMille);
              if (amount <= 0) break;
              apply(transferEntry({ examId: EXAM, from: insuranceReceivable(SECONDARY), to: PATIENT_RECEIVABLE, amountCents: amount, documentId: `tr-${seq}`, effectiveDate: date, idempotencyKey: `tr:${seq}` }));
              break;
            }
          }
          expectInvariants(state);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('charges always equal the sum of what was posted against them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 8 }), (amounts) => {
        const entry = chargeEntry({
          examId: EXAM, claimId: 'c', billTo: { kind: 'patient' },
          lines: amounts.map((chargeCents, i) => ({ lineControlNumber: String(i), procedureCode: '76700', chargeCents })),
          documentId: 'd', effectiveDate: '2026-01-01',
        });
        const result = applyEntry(emptyLedger(EXAM), entry);
        expect(result.ok).toBe(true);
        if (result.ok) expect(balances(result.state).summary.patientOpenCents).toBe(amounts.reduce((t, a) => t + a, 0));
      }),
      { numRuns: 100 },
    );
  });
});
