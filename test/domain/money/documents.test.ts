import { renderAppealLetter, renderStatement } from '../../../activities/documents';
import { buildAppealLetter } from '../../../domain/appeals';
import { buildStatementContent } from '../../../domain/patient-balance';
import { chargedLedger } from './money-fixtures';
import { LETTER_INPUT } from './appeal-fixtures';

describe('PDF documents', () => {
  const letter = buildAppealLetter(LETTER_INPUT);
  const statement = buildStatementContent({
    ledger: chargedLedger(), statementId: 'st_1', statementDate: '2026-02-15', paymentDueDays: 25, accountNumber: 'A-100',
    practice: { name: 'Main Imaging', addressLines: ['1 Center Rd'], phone: '555-0100' }, guarantor: { name: 'Guarantor', addressLines: ['2 Home St'] },
  });

  it('renders an appeal letter to a PDF, byte-for-byte the same for the same input', async () => {
    const a = await renderAppealLetter(letter, { createdAt: '2026-03-02T10:00:00Z' });
    const b = await renderAppealLetter(letter, { createdAt: '2026-03-02T10:00:00Z' });
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const later = await renderAppealLetter(letter, { createdAt: '2026-03-03T10:00:00Z' });
    expect(later.equals(a)).toBe(false);
  });

  it('renders a statement to a deterministic PDF', async () => {
    const a = await renderStatement(statement, { createdAt: '2026-02-15T00:00:00Z' });
    const b = await renderStatement(statement, { createdAt: '2026-02-15T00:00:00Z' });
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('rejects an invalid creation date with a typed error', async () => {
    await expect(renderStatement(statement, { createdAt: 'not a date' })).rejects.toMatchObject({ code: 'document-render-failed' });
  });
});
