import { formatDollars } from '../../domain/ledger';
import type { StatementContent } from '../../domain/patient-balance';
import { renderPdf } from './render-pdf';

/** Renders a patient statement (content from domain/patient-balance buildStatementContent) to a PDF Buffer. */
export function renderStatement(statement: StatementContent, options: { readonly createdAt: string }): Promise<Buffer> {
  return renderPdf('statement', { createdAt: options.createdAt, title: `Statement ${statement.statementId}` }, (doc) => {
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    doc.font('Helvetica-Bold').fontSize(14).text(statement.practice.name);
    doc.font('Helvetica').fontSize(10);
    for (const line of statement.practice.addressLines) doc.text(line);
    doc.text(statement.practice.phone);
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(12).text('Patient statement');
    doc.font('Helvetica').fontSize(10);
    doc.text(`Statement date: ${statement.statementDate}`);
    doc.text(`Account: ${statement.accountNumber}`);
    doc.text(`Please pay by: ${statement.paymentDueDate}`);
    doc.moveDown();
    doc.text(statement.guarantor.name);
    for (const line of statement.guarantor.addressLines) doc.text(line);
    doc.moveDown();

    doc.font('Helvetica-Bold');
    const header = doc.y;
    doc.text('Date', left, header, { width: 80 });
    doc.text('Description', left + 90, header, { width: 280 });
    doc.text('Amount', right - 100, header, { width: 100, align: 'right' });
    doc.font('Helvetica');
    for (const row of statement.activity) {
      const y = doc.y + 2;
      doc.text(row.date, left, y, { width: 80 });
      doc.text(row.description, left + 90, y, { width: 280 });
      doc.text(formatDollars(row.amountCents), right - 100, y, { width: 100, align: 'right' });
    }
    doc.moveDown();
    const s = statement.summary;
    const rows: Array<[string, number]> = [
      ['Total charges', s.chargesCents],
      ['Insurance payments', -s.insurancePaymentsCents],
      ['Adjustments', -s.adjustmentsCents],
      ['Your payments', -s.patientPaymentsCents],
      ['Pending with insurance', -s.pendingInsuranceCents],
    ];
    for (const [label, cents] of rows) {
      const y = doc.y;
      doc.text(label, left + 90, y, { width: 280 });
      doc.text(formatDollars(cents), right - 100, y, { width: 100, align: 'right' });
    }
    doc.font('Helvetica-Bold');
    const y = doc.y + 4;
    doc.text(s.amountDueCents >= 0 ? 'Amount due' : 'Credit in your favour', left + 90, y, { width: 280 });
    doc.text(formatDollars(Math.abs(s.amountDueCents)), right - 100, y, { width: 100, align: 'right' });
    doc.font('Helvetica');
    if (statement.installmentDue) {
      doc.moveDown();
      doc.text(`Payment plan installment due ${statement.installmentDue.dueDate}: ${formatDollars(statement.installmentDue.amountCents)}`, left);
    }
    for (const message of statement.messages) {
      doc.moveDown(0.5);
      doc.text(message, left);
    }
  });
}
