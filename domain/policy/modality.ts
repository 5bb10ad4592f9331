import { z } from 'zod';

/**
 * Imaging modalities as the order carries them (DICOM-style short codes).
 * XR plain radiography, FL fluoroscopy, MG mammography, US ultrasound, DXA bone densitometry,
 * CT, MR, NM nuclear medicine, PET.
 */
export const ModalitySchema = z.enum(['XR', 'FL', 'MG', 'US', 'DXA', 'CT', 'MR', 'NM', 'PET']);
export type Modality = z.infer<typeof ModalitySchema>;

/** The modalities payers usually manage as "advanced imaging". */
export const ADVANCED_IMAGING_MODALITIES: readonly Modality[] = ['CT', 'MR', 'PET', 'NM'];
