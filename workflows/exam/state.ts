import type { ExamStatusView, ExamWorkflowInput } from './messages';

export const TERMINAL_PHASES = ['closed', 'cancelled'] as const;

/** The exam's state inside the workflow: plain data, no I/O. */
export class ExamState {
  phase = 'intake';
  cancellation?: { reason: string; at: string };

  constructor(readonly input: ExamWorkflowInput) {}

  get isTerminal(): boolean {
    return (TERMINAL_PHASES as readonly string[]).includes(this.phase);
  }

  cancel(reason: string, at: string): void {
    if (this.isTerminal) throw new Error(`exam is already ${this.phase}`);
    this.cancellation = { reason, at };
    this.phase = 'cancelled';
  }

  view(): ExamStatusView {
    const { intake } = this.input;
    return {
      examId: this.input.examId,
      accessionNumber: intake.accessionNumber,
      facilityId: intake.facility.id,
      order: { modality: intake.order.modality, procedures: intake.order.procedures.map((p) => ({ cpt: p.cpt })), scheduledAt: intake.order.scheduledAt },
      coverages: intake.coverages.map((c) => ({ payerId: c.payerId, order: c.order })),
      phase: this.phase,
      status: this.phase === 'cancelled' ? 'cancelled' : this.phase === 'closed' ? 'closed' : 'open',
      cancellation: this.cancellation,
      openTasks: [],
      nextTimers: [],
    };
  }
}
