import { finding, type X12Finding } from './finding';

/** A segment reduced to what the structural checks need: id and element texts (index 1 = element 01). */
export interface PlainSegment {
  id: string;
  elements: readonly string[];
}

/**
 * HL numbering: HL01 counts 1, 2, 3... in order, HL02 names an earlier HL (absent on the first
 * level), HL04 says whether children follow, and each child's level is allowed under its parent.
 */
export function checkHierarchy(segments: readonly PlainSegment[], allowedParents: Readonly<Record<string, readonly string[]>>): X12Finding[] {
  const findings: X12Finding[] = [];
  const levels = new Map<string, string>();
  const hasChild = new Set<string>();
  const declaresChild = new Map<string, string>();
  let expected = 1;
  for (const s of segments) {
    if (s.id !== 'HL') continue;
    const id = s.elements[1] ?? '';
    const parent = s.elements[2] ?? '';
    const level = s.elements[3] ?? '';
    const where = { loop: 'HL', segment: 'HL' };
    if (id !== String(expected)) {
      findings.push(finding('HL_NUMBERING', 'error', { ...where, element: 'HL01' }, `HL01 should be ${expected}`, 'number HL segments 1, 2, 3... in order'));
    }
    expected = (Number(id) || expected) + 1;
    const allowed = allowedParents[level];
    if (!allowed) {
      findings.push(finding('HL_LEVEL_INVALID', 'error', { ...where, element: 'HL03' }, 'HL03 hierarchical level code is not used by this transaction', 'use a level code of the implementation guide'));
    } else if (parent === '') {
      if (!allowed.includes('')) findings.push(finding('HL_PARENT_INVALID', 'error', { ...where, element: 'HL02' }, `HL level ${level} needs a parent`, 'set HL02 to the parent HL01'));
    } else {
      const parentLevel = levels.get(parent);
      if (parentLevel === undefined || !allowed.includes(parentLevel)) {
        findings.push(finding('HL_PARENT_INVALID', 'error', { ...where, element: 'HL02' }, `HL02 does not name an earlier HL of a level that may hold level ${level}`, 'point HL02 at the parent HL01'));
      } else hasChild.add(parent);
    }
    levels.set(id, level);
    declaresChild.set(id, s.elements[4] ?? '');
  }
  for (const [id, flag] of declaresChild) {
    if (flag === '1' && !hasChild.has(id)) {
      findings.push(finding('HL_CHILD_CODE', 'error', { loop: 'HL', segment: 'HL', element: 'HL04' }, `HL ${id} says children follow but none do`, 'set HL04 to 0 when no child HL follows'));
    }
    if (flag === '0' && hasChild.has(id)) {
      findings.push(finding('HL_CHILD_CODE', 'error', { loop: 'HL', segment: 'HL', element: 'HL04' }, `HL ${id} says no children follow but some do`, 'set HL04 to 1 when a child HL follows'));
    }
  }
  return findings;
}
