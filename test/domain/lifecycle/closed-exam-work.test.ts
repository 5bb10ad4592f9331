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
