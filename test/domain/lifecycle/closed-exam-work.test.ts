import { isFinished, patientBalanceCents } from '../../../domain/lifecycle';
import { ev, newExam, Run, toAdjudication } from './exam-fixtures';

describe('a closed exam with open work', () => {
  it('is not finished until the refund after a late 835 is resolved; the payer refund leaves the patient balance alone', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');
    expect(isFinished(run.state)).toBe(true);

    run.apply(ev({ type: 'remittance', remittanceId: 'R9', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');
    expect(isFinished(run.state)).toBe(false);
    run.resolve('credit-balance-refund', { action: 'refunded', reference: 'PAYER-REFUND-1', amountCents: 50_000 });
    expect(run.state.phase).toBe('closed');
    expect(isFinished(run.state)).toBe(true);
    expect(patientBalanceCents(run.state)).toBe(0);
  });

  it('a cancelled exam is finished at once', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'cancel', reason: 'duplicate order' }));
    expect(isFinished(run.state)).toBe(true);
  });
});

describe('a payment reversed after the exam closed', () => {
  it('opens a follow-up on the claim; the corrected payment answers it instead of becoming money to refund', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.phase).toBe('closed');

    run.apply(ev({ type: 'remittance', remittanceId: 'R2', claimId: 'ex1-G', status: 'reversed', paidCents: 0, patientResponsibilityCents: 0, reversedCents: 50_000 }));
    expect(run.state.phase).toBe('closed');
    expect(run.state.claims[0]).toMatchObject({ status: 'accepted' });
    const followUp = run.state.tasks.find((t) => t.type === 'claim-follow-up' && t.status === 'open');
    expect(followUp).toMatchObject({ claimId: 'ex1-G', context: { reason: 'payment-reversed', reversedCents: 50_000 } });
    expect(isFinished(run.state)).toBe(false);

    run.apply(ev({ type: 'remittance', remittanceId: 'R3', claimId: 'ex1-G', status: 'paid', paidCents: 50_000, patientResponsibilityCents: 0 }));
    expect(run.state.claims[0]).toMatchObject({ status: 'paid' });
    expect(run.state.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(isFinished(run.state)).toBe(true);
  });

  it('before close, a reversal puts the claim back with the payer and withdraws the patient share until the correction', () => {
    const run = toAdjudication(new Run(newExam()));
    run.apply(ev({ type: 'remittance', remittanceId: 'R1', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 10_000 }));
    expect(run.state.phase).toBe('patient_balance');
    expect(patientBalanceCents(run.state)).toBe(10_000);
    run.apply(ev({ type: 'remittance', remittanceId: 'R2', claimId: 'ex1-G', status: 'reversed', paidCents: 0, patientResponsibilityCents: 0, reversedCents: 40_000 }));
    expect(run.state.phase).toBe('adjudication');
    expect(run.state.claims[0]).toMatchObject({ status: 'accepted', patientResponsibilityCents: 0 });
    expect(patientBalanceCents(run.state)).toBe(0);
    expect(run.state.timers.map((t) => t.kind)).toContain('status-inquiry');
    expect(run.state.timers.map((t) => t.kind)).not.toContain('statement-cycle');
    run.apply(ev({ type: 'remittance', remittanceId: 'R3', claimId: 'ex1-G', status: 'paid', paidCents: 40_000, patientResponsibilityCents: 10_000 }));
    expect(run.state.phase).toBe('patient_balance');
    expect(patientBalanceCents(run.state)).toBe(10_000);
  });
});
