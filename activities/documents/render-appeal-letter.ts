import type { AppealLetter } from '../../domain/appeals';
import { renderPdf } from './render-pdf';

/** Renders an appeal letter (content from domain/appeals buildAppealLetter) to a PDF Buffer. */
export function renderAppealLetter(letter: AppealLetter, options: { readonly createdAt: string }): Promise<Buffer> {
  return renderPdf('appeal-letter', { createdAt: options.createdAt, title: letter.title }, (doc) => {
    doc.font('Helvetica-Bold').fontSize(12).text(letter.sender.name);
    doc.font('Helvetica').fontSize(10);
    for (const line of letter.sender.addressLines) doc.text(line);
    doc.text(`NPI ${letter.sender.npi}`);
    if (letter.sender.phone !== undefined) doc.text(letter.sender.phone);
    doc.moveDown();
    doc.text(letter.letterDate);
    doc.moveDown();
    doc.text(letter.recipient.name);
    for (const line of letter.recipient.addressLines) doc.text(line);
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text(letter.title);
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(10);
    for (const ref of letter.reference) {
      doc.font('Helvetica-Bold').text(`${ref.label}: `, { continued: true }).font('Helvetica').text(ref.value);
    }
    doc.moveDown();
    doc.text(letter.opening);
    doc.moveDown();
    doc.font('Helvetica-Bold').text('Denial codes');
    doc.font('Helvetica');
    for (const code of letter.denialCodes) doc.text(`${code.code}: ${code.description}`, { indent: 12 });
    for (const argument of letter.arguments) {
      doc.moveDown();
      doc.font('Helvetica-Bold').text(argument.heading);
      doc.font('Helvetica').text(argument.text);
    }
    doc.moveDown();
    doc.text(letter.request);
    if (letter.enclosures.length > 0) {
      doc.moveDown();
      doc.font('Helvetica-Bold').text('Enclosures');
      doc.font('Helvetica');
      letter.enclosures.forEach((enclosure, i) => doc.text(`${i + 1}. ${enclosure.title} (document ${enclosure.documentId})`, { indent: 12 }));
    }
    doc.moveDown();
    doc.text(letter.closing);
    doc.moveDown(2);
    doc.text('Sincerely,');
    doc.moveDown(2);
    doc.text(letter.sender.contactName ?? letter.sender.name);
  });
}
