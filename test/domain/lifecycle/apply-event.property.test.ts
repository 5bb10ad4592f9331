import fc from 'fast-check';
import { applyEvent, isStalled, LIFECYCLE_PATCHES, startExam, isTerminal, PhaseSchema, TASK_DEFINITIONS, type ExamEvent, type ExamState, type TaskType } from '../../../domain/lifecycle';
import { auth72148, newExam, T0 } from './exam-fixtures';

const RESOLUTIONS: Record<TaskType, unknown[]> = {
  'registration-fix': [{ action: 'corrected' }, { action: 'cancel', reason: 'r' }],
  'eligibility-review': [
    { action: 'self-pay' },
    { action: 'recheck' },
    { action: 'verified-manually', reference: 'ref' },
    { action: 'update-coverage', coverage: { payerId: 'commercial-b', memberId: 'M', relationship: 'self' } },
    { action: 'cancel', reason: 'r' },
  ],
  'prior-auth-obtain': [
    { action: 'approved', authNumber: 'A', validFrom: '2026-11-01', validTo: '2026-12-31', cpts: ['72148'], units: 1 },
    { action: 'not-required', reference: 'ref' },
    { action: 'denied', reason: 'r' },
  ],
  'prior-auth-mismatch': [
    { action: 'auth-updated', authNumber: 'A', validFrom: '2026-11-01', validTo: '2026-12-31', cpts: ['72158'], units: 1 },
    { action: 'not-required', reference: 'ref' },
    { action: 'write-off-request', reason: 'r' },
  ],
  'report-signature-overdue': [{ action: 'followed-up' }, { action: 'cancel', reason: 'r' }],
  'coding-review': [{ action: 'accept' }, { action: 'correct', lines: [{ cpt: '72148', units: 1, modifiers: [], diagnosisPointers: [1] }], diagnoses: ['M54.16'] }],
  'claim-rejected': [{ action: 'resubmit' }, { action: 'write-off-request', reason: 'r' }],
  'timely-filing-risk': [{ action: 'acknowledge', plan: 'p' }, { action: 'write-off-request', reason: 'r' }],
  'claim-follow-up': [{ action: 'awaiting-payment' }, { action: 'resubmit' }, { action: 'write-off-request', reason: 'r' }],
  'ar-escalation': [{ action: 'acknowledge', plan: 'p' }],
  'denial-work': [{ action: 'appeal' }, { action: 'corrected-claim' }, { action: 'write-off-request', reason: 'r' }],
  'write-off-approval': [{ action: 'approve' }, { action: 'reject' }],
  'patient-balance-review': [{ action: 'continue-statements' }, { action: 'payment-plan', monthlyCents: 2500 }, { action: 'send-to-collections' }, { action: 'write-off-request', reason: 'r' }],
  'remittance-unmatched': [{ action: 'matched', claimId: 'ex1-G' }, { action: 'not-ours', reference: 'ref' }],
  'credit-balance-refund': [{ action: 'refunded', reference: 'ref', amountCents: 1000 }],
  'underpayment-review': [{ action: 'accept', reason: 'contract rate' }, { action: 'appeal' }, { action: 'reprocess-request', reference: 'call-1' }],
  'no-show-review': [{ action: 'performed' }, { action: 'reschedule', scheduledAt: '2026-12-20T14:00:00Z' }, { action: 'cancel', reason: 'r' }],
  'claim-build-error': [{ action: 'retry' }, { action: 'write-off-request', reason: 'r' }],
  'interface-error': [{ action: 'retry' }, { action: 'cancel', reason: 'r' }],
  'stalled-exam': [{ action: 'acknowledge', plan: 'p' }],
  'coverage-change-review': [{ action: 'corrected', reference: 'r' }, { action: 'no-correction-needed', reason: 'same payer' }],
};

type Command =
  | { k: 'fixed'; i: number }
  | { k: 'ack'; claim: number; kind: '999' | '277CA'; accepted: boolean }
  | { k: 'remit'; claim: number; status: 'paid' | 'partially-paid' | 'denied'; patient: number; correctable: boolean }
  | { k: 'timer'; i: number }
  | { k: 'resolve'; i: number; choice: number }
  | { k: 'replay'; i: number }
  | { k: 'advance'; patient: number }
  | { k: 'posted'; claim: number; underpayment: number; credit: number }
  | { k: 'fail'; work: number; claim: number };

/** Work whose activity can fail for good: claim work names a claim of the exam. */
const FAILING_WORK = ['validate-intake', 'request-eligibility', 'evaluate-prior-auth', 'code-exam', 'record-intake', 'submit-claim', 'submit-appeal', 'bill-secondary', 'status-inquiry'] as const;

const FIXED: Omit<ExamEvent, 'eventId'>[] = [
  { type: 'intake-validated', problems: [] },
  { type: 'intake-validated', problems: ['patient.address'] },
  { type: 'eligibility-result', outcome: 'active', reasons: [], checkedForDate: '2026-11-25' },
  { type: 'eligibility-result', outcome: 'inactive', reasons: [], checkedForDate: '2026-11-25' },
  { type: 'eligibility-result', outcome: 'payer-unavailable', reasons: [], checkedForDate: '2026-11-25' },
  { type: 'prior-auth-decision', decision: 'not-required' },
  { type: 'prior-auth-decision', decision: 'on-file', authorization: auth72148 },
  { type: 'prior-auth-decision', decision: 'needed' },
  { type: 'prior-auth-decision', decision: 'denied', reason: 'r' },
  { type: 'performed', performedAt: '2026-11-25T14:30:00.000Z', placeOfService: '11', contrast: false, procedures: [{ cpt: '72148', units: 1, modifiers: [], laterality: null }] },
  { type: 'performed', performedAt: '2026-11-25T14:30:00.000Z', placeOfService: '11', contrast: true, procedures: [{ cpt: '72158', units: 1, modifiers: [], laterality: null }] },
  { type: 'report', status: 'preliminary', signedAt: '2026-11-25T16:00:00.000Z', radiologistNpi: '1234567893', diagnoses: [] },
  { type: 'report', status: 'final', signedAt: '2026-11-26T10:00:00.000Z', radiologistNpi: '1234567893', diagnoses: ['M54.16'] },
  { type: 'report', status: 'addendum', signedAt: '2026-11-28T10:00:00.000Z', radiologistNpi: '1234567893', diagnoses: ['M51.16'] },
  { type: 'coding-completed', findings: [], totalChargeCents: 90_000 },
  { type: 'coding-completed', findings: [{ code: 'ncci', autoFixable: false }], totalChargeCents: 90_000 },
  { type: 'cancel', reason: 'r' },
  { type: 'patient-payment', paymentId: 'P', amountCents: 2_500 },
  { type: 'exam-rescheduled', scheduledAt: '2027-02-01T14:00:00.000Z' },
  { type: 'coding-completed', findings: [], totalChargeCents: 90_000, billable: [] },
  { type: 'coding-completed', findings: [], totalChargeCents: 90_000, billable: ['technical'] },
  { type: 'coding-completed', findings: [], totalChargeCents: 90_000, billable: ['technical', 'professional'], claimsFromCoding: true },
  { type: 'coding-completed', findings: [], totalChargeCents: 90_000, billable: [], claimsFromCoding: true },
] as unknown as Omit<ExamEvent, 'eventId'>[];

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('fixed' as const), i: fc.nat({ max: FIXED.length - 1 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('ack' as const), claim: fc.nat({ max: 1 }), kind: fc.constantFrom('999' as const, '277CA' as const), accepted: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('remit' as const),
      claim: fc.nat({ max: 2 }),
      status: fc.constantFrom('paid' as const, 'partially-paid' as const, 'denied' as const),
      patient: fc.constantFrom(0, 300, 5_000),
      correctable: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('timer' as const), i: fc.nat({ max: 20 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('resolve' as const), i: fc.nat({ max: 5 }), choice: fc.nat({ max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('replay' as const), i: fc.nat({ max: 50 }) }) },
  { weight: 24, arbitrary: fc.record({ k: fc.constant('advance' as const), patient: fc.constantFrom(0, 300, 5_000) }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('posted' as const), claim: fc.nat({ max: 1 }), underpayment: fc.constantFrom(0, 1_200), credit: fc.constantFrom(0, 800) }),
  },
);

/** The event that moves the exam forward from its current phase (so random runs reach late phases). */
function advance(state: ExamState, eventId: string, patient: number): ExamEvent | undefined {
  const open = state.claims.find((c) => c.status === 'submitted' || c.status === 'accepted' || c.status === 'appealed');
  const by = (type: number) => ({ ...FIXED[type], eventId }) as ExamEvent;
  switch (state.phase) {
    case 'intake': return by(0);
    case 'eligibility': return by(2);
    case 'prior_auth': return by(patient === 300 ? 5 : 6);
    case 'awaiting_exam': return by(9);
    case 'awaiting_report': return by(12);
    case 'coding': return by(14);
    case 'submission': {
      const sub = state.claims.find((c) => c.status === 'submitted');
      if (!sub) return undefined;
      const kind = state.timers.some((t) => t.kind === 'ack-999' && t.claimId === sub.claimId) ? '999' : '277CA';
      return { type: 'acknowledgment', eventId, kind, claimId: sub.claimId, claimVersion: sub.version, accepted: true };
    }
    case 'adjudication':
    case 'appeal':
      return open && { type: 'remittance', eventId, remittanceId: `R${eventId}`, claimId: open.claimId, status: 'paid', paidCents: 10_000, patientResponsibilityCents: patient };
    case 'patient_balance':
      return { type: 'patient-payment', eventId, paymentId: eventId, amountCents: 5_000 };
    default:
      return undefined;
  }
}

function toEvent(state: ExamState, c: Command, n: number, applied: ExamEvent[]): ExamEvent | undefined {
  const eventId = `g${n}`;
  switch (c.k) {
    case 'fixed':
      return { ...FIXED[c.i], eventId } as ExamEvent;
    case 'ack': {
      const claim = state.claims[c.claim];
      return claim && { type: 'acknowledgment', eventId, kind: c.kind, claimId: claim.claimId, claimVersion: claim.version, accepted: c.accepted };
    }
    case 'remit': {
      const claimId = state.claims[c.claim]?.claimId ?? 'unknown-claim';
      const denial = c.status === 'paid' ? undefined : { category: 'other', carc: '97', correctable: c.correctable };
      return { type: 'remittance', eventId, remittanceId: `R${n}`, claimId, status: c.status, paidCents: c.status === 'denied' ? 0 : 10_000, patientResponsibilityCents: c.patient, denial };
    }
    case 'timer': {
      const timer = state.timers[c.i % Math.max(state.timers.length, 1)];
      return timer && { type: 'timer-fired', eventId, timerId: timer.timerId };
    }
    case 'resolve': {
      const open = state.tasks.filter((t) => t.status === 'open');
      const task = open[c.i % Math.max(open.length, 1)];
      if (!task) return undefined;
      const options = RESOLUTIONS[task.type];
      return { type: 'task-resolved', eventId, taskId: task.taskId, resolution: options[c.choice % options.length] };
    }
    case 'replay':
      return applied.length ? applied[c.i % applied.length] : undefined;
    case 'advance':
      return advance(state, eventId, c.patient);
    case 'fail': {
      const work = FAILING_WORK[c.work]!;
      const claim = state.claims[c.claim];
      const failure = { type: 'ClaimDataMissing', message: 'the payer has no X12 payer id', details: ['NM1*PR'] };
      switch (work) {
        case 'submit-claim':
          return claim && { type: 'work-failed', eventId, effect: { type: work, claimId: claim.claimId, version: claim.version, idempotencyKey: `${claim.claimId}:v${claim.version}` }, failure };
        case 'submit-appeal':
          return claim && { type: 'work-failed', eventId, effect: { type: work, claimId: claim.claimId, level: 1, levelName: 'redetermination' }, failure };
        case 'status-inquiry':
          return claim && { type: 'work-failed', eventId, effect: { type: work, claimId: claim.claimId }, failure };
        case 'bill-secondary':
          return claim && { type: 'work-failed', eventId, effect: { type: work, claimId: claim.claimId, payerId: 'commercial-b', secondaryClaimId: `${claim.claimId}-S`, version: claim.version, crossover: false }, failure };
        default:
          return { type: 'work-failed', eventId, effect: { type: work }, failure };
      }
    }
    case 'posted': {
      const claim = state.claims[c.claim];
      return claim && { type: 'remittance-posted', eventId, remittanceId: `R${n}`, claimId: claim.claimId, underpaymentCents: c.underpayment, payerCredits: c.credit > 0 ? [{ payerId: 'commercial-a', creditCents: c.credit }] : [] };
    }
  }
}

const payers = fc.constantFrom('medicare-b', 'medicare-advantage', 'medicaid', 'commercial-a', 'commercial-b', 'self-pay');
const arrangement = fc.constantFrom('global' as const, 'split' as const, 'technical' as const, 'professional' as const);
/** The lifecycle without its safety net: the invariant must hold by the lifecycle's own transitions. */
const withoutSafetyNet = { isPatched: (patch: string) => patch !== LIFECYCLE_PATCHES.stalledExamCheck };

const phasesReached = new Set<string>();


describe('exam state machine properties', () => {
  afterAll(() => {
    // the generator must drive exams deep into the lifecycle, or the properties prove little
    expect([...phasesReached].sort()).toEqual([...PhaseSchema.options].sort());
  });

  it('random event sequences keep every invariant a billing team relies on', () => {
    fc.assert(
      fc.property(payers, arrangement, fc.array(command, { minLength: 1, maxLength: 100 }), (payer, billingArrangement, commands) => {
        let state = startExam(newExam(payer, { billingArrangement })).state;
        const applied: ExamEvent[] = [];
        const submitted = new Set<string>();
        let now = Date.parse(T0);
        commands.forEach((c, n) => {
          const event = toEvent(state, c, n, applied);
          if (!event) return;
          now += 3_600_000;
          const before = state;
          const t = applyEvent(state, event, new Date(now).toISOString(), withoutSafetyNet);

          // duplicates are no-ops
          if (c.k === 'replay') {
            expect(t.outcome).toBe('ignored');
            expect(t.state).toBe(before);
            expect(t.effects).toEqual([]);
          }
          if (t.outcome !== 'applied') {
            expect(t.state).toBe(before);
            return;
          }
          applied.push(event);
          state = t.state;

          phasesReached.add(state.phase);
          // the phase is always one of the contract's phases, and terminal phases stay terminal
          expect(PhaseSchema.safeParse(state.phase).success).toBe(true);
          if (isTerminal(before.phase)) expect(state.phase).toBe(before.phase);

          // an open exam always has work in flight, a timer that will fire or an open task, by the lifecycle's own
          // transitions (the stalled-exam safety net is off here)
          if (!isTerminal(state.phase)) expect(isStalled(state)).toBe(false);

          // never two open tasks of one type for the same claim (or exam), each in its own queue
          const keys = state.tasks.filter((x) => x.status === 'open').map((x) => `${x.type}|${x.claimId}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const task of state.tasks) expect(task.queue).toBe(TASK_DEFINITIONS[task.type].queue);

          // a claim version is submitted at most once
          for (const e of t.effects) {
            if (e.type !== 'submit-claim') continue;
            expect(submitted.has(e.idempotencyKey)).toBe(false);
            submitted.add(e.idempotencyKey);
          }

          // nothing runs on a cancelled exam; the state stays plain JSON
          if (state.phase === 'cancelled') {
            expect(state.timers).toEqual([]);
            expect(state.tasks.filter((x) => x.status === 'open')).toEqual([]);
          }
          expect(JSON.parse(JSON.stringify(state))).toEqual(state);
          expect(Number.isInteger(state.patient.paidCents)).toBe(true);
        });
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('replaying a whole applied history on the final state changes nothing', () => {
    fc.assert(
      fc.property(payers, fc.array(command, { minLength: 1, maxLength: 40 }), (payer, commands) => {
        let state = newExam(payer);
        const applied: ExamEvent[] = [];
        commands.forEach((c, n) => {
          const event = toEvent(state, c, n, applied);
          if (!event) return;
          const t = applyEvent(state, event, T0);
          if (t.outcome === 'applied') {
            applied.push(event);
            state = t.state;
          }
        });
        for (const event of applied) {
          const t = applyEvent(state, event, T0);
          expect(t.outcome).toBe('ignored');
          expect(t.state).toBe(state);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

