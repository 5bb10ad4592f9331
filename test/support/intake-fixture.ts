import { randomBytes } from 'node:crypto';
import type { ExamIntakeInput } from '../../workflows/exam/intake';

export const PATIENT_NAME = 'Lovelace';
export const MEMBER_ID = '1EG4TE5MK73';
export const BIRTH_DATE = '1961-04-12';

/** The canonical intake of DESIGN §5, with a unique accession number. */
export function sampleIntake(overrides: Partial<ExamIntakeInput> = {}): ExamIntakeInput {
  return {
    accessionNumber: `ACC-${randomBytes(5).toString('hex')}`,
    facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' },
    patient: {
      mrn: 'MRN-0001',
      firstName: 'Ada',
      lastName: PATIENT_NAME,
      birthDate: BIRTH_DATE,
      sex: 'F',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    coverages: [{ payerId: 'medicare-b', memberId: MEMBER_ID, relationship: 'self', order: 'primary' }],
    order: {
      orderingProviderNpi: '1234567893',
      modality: 'MR',
      procedures: [{ cpt: '72148' }],
      diagnoses: ['M54.16'],
      priority: 'routine',
      scheduledAt: '2026-11-25T14:00:00Z',
    },
    ...overrides,
  };
}
