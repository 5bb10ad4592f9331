import { medicareAppealPolicy, type AppealLetterInput } from '../../../domain/appeals';

const medicare = medicareAppealPolicy({ aljAmountInControversyCents: 19_000, judicialReviewAmountInControversyCents: 190_000 });

export const LETTER_INPUT: AppealLetterInput = {
  letterDate: '2026-03-02',
  level: medicare.levels[0]!,
  payer: { name: 'Medicare Contractor', addressLines: ['PO Box 1', 'Springfield, IL 62701'] },
  provider: { name: 'Main Imaging', npi: '1234567893', addressLines: ['1 Center Rd'], phone: '555-0100', contactName: 'Billing Office' },
  patient: { name: 'Test Patient', memberId: '1EG4TE5MK73' },
  claim: { claimId: 'cl_1', payerClaimNumber: 'ICN0001', serviceDate: '2026-01-05', billedCents: 150_000, deniedCents: 150_000, procedureCodes: ['72148'] },
  denials: [
    { group: 'CO' as const, reasonCode: '50', remarkCodes: ['N115'] },
    { group: 'CO' as const, reasonCode: '197' },
  ],
  documents: [{ documentId: 'doc_order', title: 'Order' }, { documentId: 'doc_report', title: 'Signed report' }],
};

