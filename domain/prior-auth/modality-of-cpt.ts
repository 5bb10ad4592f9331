import { cptMatchesAny, type CptMatcher, type Modality } from '../policy';

/**
 * The modality a CPT code images with, for the curated imaging ranges (checked in this order, so
 * PET codes inside the nuclear medicine range and special studies inside the radiology range win).
 */
const RANGES: readonly [Modality, readonly CptMatcher[]][] = [
  ['PET', [{ from: '78429', to: '78434' }, '78459', { from: '78491', to: '78492' }, { from: '78608', to: '78609' }, { from: '78811', to: '78816' }]],
  ['NM', [{ from: '78012', to: '78999' }, { from: '79005', to: '79999' }]],
  [
    'CT',
    [
      { from: '70450', to: '70498' },
      { from: '71250', to: '71275' },
      { from: '72125', to: '72133' },
      { from: '72191', to: '72194' },
      { from: '73200', to: '73206' },
      { from: '73700', to: '73706' },
      { from: '74150', to: '74178' },
      { from: '74261', to: '74263' },
      { from: '75571', to: '75574' },
      '76380',
      '76497',
    ],
  ],
  [
    'MR',
    [
      '70336',
      { from: '70540', to: '70559' },
      { from: '71550', to: '71555' },
      { from: '72141', to: '72159' },
      { from: '72195', to: '72198' },
      { from: '73218', to: '73225' },
      { from: '73718', to: '73725' },
      { from: '74181', to: '74185' },
      { from: '75557', to: '75565' },
      '76498',
      { from: '77046', to: '77049' },
      '77084',
    ],
  ],
  ['MG', [{ from: '77053', to: '77067' }]],
  ['DXA', ['77078', '77080', '77081', '77085', '77086']],
  ['US', [{ from: '76506', to: '76999' }, { from: '93880', to: '93998' }]],
  ['FL', ['76000', { from: '74210', to: '74363' }]],
  ['XR', [{ from: '70010', to: '76499' }, { from: '77071', to: '77077' }]],
];

export function modalityOfCpt(cpt: string): Modality | undefined {
  return RANGES.find(([, matchers]) => cptMatchesAny(matchers, cpt))?.[0];
}
