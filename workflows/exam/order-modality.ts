import type { Modality } from '../../domain/policy';
import type { ExamIntake } from './intake';

const POLICY_MODALITY: Record<ExamIntake['order']['modality'], Modality> = {
  CR: 'XR',
  DX: 'XR',
  RF: 'FL',
  XA: 'FL',
  BD: 'DXA',
  PT: 'PET',
  CT: 'CT',
  MR: 'MR',
  US: 'US',
  MG: 'MG',
  NM: 'NM',
};

/** The order's DICOM modality as payer policies name it (CR/DX plain film, PT PET, BD bone density). */
export function policyModality(modality: ExamIntake['order']['modality']): Modality {
  return POLICY_MODALITY[modality];
}
