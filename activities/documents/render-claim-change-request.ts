import { renderPdf } from './render-pdf';

/** A written request to a payer about a claim it has: cancel (void) it, or reopen it with corrected lines. */
export interface ClaimChangeRequestContent {
  kind: 'void' | 'correction';
  requestDate: string;
  payer: { name: string };
  provider: { name: string; npi: string; addressLines: string[]; phone: string };
  patient: { name: string; memberId: string; birthDate?: string };
  claim: { claimId: string; payerClaimNumber: string | null; serviceDate: string; billedCents: number };
  /** the lines as the payer has them */
  original: { cpt: string; modifiers: string[]; units: number; chargeCents: number }[];
  /** a correction's lines and diagnoses as they should read */
  corrected?: { lines: { cpt: string; modifiers: string[]; units: number; chargeCents: number }[]; diagnoses: string[] };
  reason: string;
}

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const line = (l: { cpt: string; modifiers: string[]; units: number; chargeCents: number }) =>
  `${l.cpt}${l.modifiers.length > 0 ? `-${l.modifiers.join('-')}` : ''}   units ${l.units}   ${money(l.chargeCents)}`;

/** The request as a one-page PDF (repeatable bytes for equal input). Nothing is logged: it holds PHI. */
export function renderClaimChangeRequest(content: ClaimChangeRequestContent, options: { createdAt: string }): Promise<Buffer> {
  const title = content.kind === 'void' ? 'Request to cancel (void) a claim' : 'Reopening request: corrected claim';
  return renderPdf('claim-change-request', { createdAt: options.createdAt, title }, (doc) => {
    doc.fontSize(10).text(content.provider.name);
    for (const a of content.provider.addressLines) doc.text(a);
    doc.text(`NPI ${content.provider.npi}   Phone ${content.provider.phone}`);
    doc.moveDown();
    doc.text(content.requestDate);
    doc.text(content.payer.name);
    doc.moveDown();
    doc.fontSize(14).text(title);
    doc.fontSize(10).moveDown();
    doc.text(`Patient: ${content.patient.name}   Member id: ${content.patient.memberId}${content.patient.birthDate ? `   Date of birth: ${content.patient.birthDate}` : ''}`);
    doc.text(`Payer claim number (ICN): ${content.claim.payerClaimNumber ?? 'not yet assigned'}`);
    doc.text(`Our claim: ${content.claim.claimId}   Date of service: ${content.claim.serviceDate}   Billed: ${money(content.claim.billedCents)}`);
    doc.moveDown();
    doc.text(content.kind === 'void'
      ? 'Please cancel the claim above in full and recoup any payment made on it. The service was not rendered as billed.'
      : 'Please reopen the claim above and process it with the corrected lines below (clerical correction).');
    doc.text(`Reason: ${content.reason}`);
    doc.moveDown();
    doc.text('Lines as billed:');
    for (const l of content.original) doc.text(`  ${line(l)}`);
    if (content.corrected) {
      doc.moveDown();
      doc.text('Lines as corrected:');
      for (const l of content.corrected.lines) doc.text(`  ${line(l)}`);
      doc.text(`Diagnoses: ${content.corrected.diagnoses.join(', ')}`);
    }
    doc.moveDown();
    doc.text('Signature of the provider or authorized representative: ______________________');
  });
}
