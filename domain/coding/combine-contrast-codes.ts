import type { RefData } from '../refdata/ref-data';

/**
 * Same-session code pairs that CPT reports with one combined code: the "without" and the "with" study of a region
 * become the "without then with" code, and CT abdomen plus CT pelvis become the combined abdomen-and-pelvis code.
 */
const WITHOUT_WITH: [string, string, string][] = [
  ['70450', '70460', '70470'],
  ['70486', '70487', '70488'],
  ['70490', '70491', '70492'],
  ['70551', '70552', '70553'],
  ['71250', '71260', '71270'],
  ['72125', '72126', '72127'],
  ['72131', '72132', '72133'],
  ['72141', '72142', '72156'],
  ['72146', '72147', '72157'],
  ['72148', '72149', '72158'],
  ['72192', '72193', '72194'],
  ['72195', '72196', '72197'],
  ['73200', '73201', '73202'],
  ['73221', '73222', '73223'],
  ['73700', '73701', '73702'],
  ['73721', '73722', '73723'],
  ['74150', '74160', '74170'],
  ['74181', '74182', '74183'],
];

const CT_ABDOMEN = new Set(['74150', '74160', '74170']);
const CT_PELVIS = new Set(['72192', '72193', '72194']);
const CT_ABDOMEN_PELVIS = new Set(['74176', '74177', '74178']);

/** The combined code for two same-session codes, or undefined. */
export function combinedCode(a: string, b: string, ref: RefData): string | undefined {
  for (const [without, withContrast, both] of WITHOUT_WITH) {
    if ((a === without && b === withContrast) || (a === withContrast && b === without)) return both;
  }
  const abdomen = CT_ABDOMEN.has(a) ? a : CT_ABDOMEN.has(b) ? b : undefined;
  const pelvis = CT_PELVIS.has(a) ? a : CT_PELVIS.has(b) ? b : undefined;
  if (abdomen && pelvis) {
    const ca = ref.cpt(abdomen)?.contrast;
    const cp = ref.cpt(pelvis)?.contrast;
    if (ca === 'none' && cp === 'none') return '74176';
    if (ca === 'with' && cp === 'with') return '74177';
    return '74178';
  }
  if (CT_ABDOMEN_PELVIS.has(a) && CT_ABDOMEN_PELVIS.has(b) && a !== b) {
    return '74178';
  }
  return undefined;
}

/** The "without then with" code of a code's family (for fix suggestions), if the code belongs to one. */
export function familyOf(cpt: string): { without: string; with: string; both: string } | undefined {
  const f = WITHOUT_WITH.find((t) => t.includes(cpt));
  return f ? { without: f[0], with: f[1], both: f[2] } : undefined;
}
