import type { AppealRequestDocument } from '../../domain/appeals';
import { renderPdf } from './render-pdf';

/** Renders a written appeal request (domain/appeals buildAppealRequest) to a PDF Buffer; the title names the vehicle and form. */
export function renderAppealRequest(request: AppealRequestDocument, options: { readonly createdAt: string }): Promise<Buffer> {
  return renderPdf('appeal-request', { createdAt: options.createdAt, title: `${request.title} (${request.subtitle})` }, (doc) => {
    doc.font('Helvetica-Bold').fontSize(14).text(request.title);
    doc.font('Helvetica').fontSize(10).text(request.subtitle);
    doc.moveDown();
    doc.font('Helvetica-Bold').text(request.sender.name);
    doc.font('Helvetica');
    for (const line of request.sender.addressLines) doc.text(line);
    doc.moveDown(0.5);
    doc.text(request.date);
    doc.moveDown(0.5);
    doc.text(request.recipient.name);
    for (const line of request.recipient.addressLines) doc.text(line);
    for (const section of request.sections) {
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(11).text(section.heading);
      doc.font('Helvetica').fontSize(10);
      for (const row of section.rows ?? []) doc.font('Helvetica-Bold').text(`${row.label}: `, { continued: true }).font('Helvetica').text(row.value);
      if (section.table) {
        doc.font('Helvetica-Bold').text(section.table.columns.join('  |  '));
        doc.font('Helvetica');
        for (const r of section.table.rows) doc.text(r.join('  |  '));
      }
      for (const p of section.paragraphs ?? []) doc.text(p);
    }
    doc.moveDown(2);
    doc.text('Signature: ______________________________');
    doc.text(request.signature);
  });
}
