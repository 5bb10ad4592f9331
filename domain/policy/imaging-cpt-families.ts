import type { CptFamily } from './payer-policy';

/**
 * Advanced-imaging families commonly used by payers and radiology benefit managers to group
 * the contrast variants of one study. Labels are our own short descriptions.
 */
export const IMAGING_CPT_FAMILIES: readonly CptFamily[] = [
  { id: 'ct-head', label: 'CT head/brain', cpts: [{ from: '70450', to: '70470' }] },
  { id: 'ct-maxillofacial', label: 'CT face/sinus', cpts: [{ from: '70486', to: '70488' }] },
  { id: 'ct-neck-soft-tissue', label: 'CT neck soft tissue', cpts: [{ from: '70490', to: '70492' }] },
  { id: 'ct-chest', label: 'CT chest', cpts: [{ from: '71250', to: '71270' }] },
  { id: 'ct-abdomen-pelvis', label: 'CT abdomen and/or pelvis', cpts: [{ from: '74150', to: '74178' }, { from: '72192', to: '72194' }] },
  { id: 'ct-spine', label: 'CT spine', cpts: [{ from: '72125', to: '72133' }] },
  { id: 'mr-brain', label: 'MR brain', cpts: [{ from: '70551', to: '70553' }] },
  { id: 'mr-cervical-spine', label: 'MR cervical spine', cpts: ['72141', '72142', '72156'] },
  { id: 'mr-thoracic-spine', label: 'MR thoracic spine', cpts: ['72146', '72147', '72157'] },
  { id: 'mr-lumbar-spine', label: 'MR lumbar spine', cpts: ['72148', '72149', '72158'] },
  { id: 'mr-upper-extremity-joint', label: 'MR upper extremity joint', cpts: [{ from: '73221', to: '73223' }] },
  { id: 'mr-lower-extremity-joint', label: 'MR lower extremity joint', cpts: [{ from: '73721', to: '73723' }] },
  { id: 'mr-abdomen', label: 'MR abdomen', cpts: [{ from: '74181', to: '74183' }] },
  { id: 'mr-pelvis', label: 'MR pelvis', cpts: [{ from: '72195', to: '72197' }] },
  { id: 'pet-tumor', label: 'PET or PET/CT tumor imaging', cpts: [{ from: '78811', to: '78816' }] },
  { id: 'nm-myocardial-perfusion', label: 'Myocardial perfusion imaging', cpts: [{ from: '78451', to: '78454' }] },
];
