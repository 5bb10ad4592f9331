import { X12BuildError } from './errors';
import { finding, type X12Finding } from './finding';
import { DEFAULT_DELIMITERS } from './tokenize';
import { elementRef, outElement, writeSegment, writtenText, type OutSegment } from './write-segments';

/** Element length checks over rendered segments ([min, max] per element reference, on the text as written), and delimiters inside codes and identifiers. */
export function checkSegmentLengths(segments: readonly OutSegment[], lengths: Readonly<Record<string, readonly [number, number]>>): X12Finding[] {
  const out: X12Finding[] = [];
  for (const s of segments) {
    s.elements.forEach((v, i) => {
      const ref = elementRef(s.id, i + 1);
      const range = lengths[ref];
      if (!range || v === undefined || typeof v !== 'string') return;
      // Checked as written: free text cleaned and, where the guide allows it, cut to the element's maximum.
      const text = writtenText(s.id, i + 1, v);
      if (text === '') return;
      if (text.length < range[0] || text.length > range[1]) {
        out.push(finding('ELEMENT_LENGTH', 'error', { loop: s.loop, segment: s.id, element: ref }, `${ref} must be ${range[0]}-${range[1]} characters`, `shorten or complete the value to ${range[0]}-${range[1]} characters`));
      }
    });
    if (s.id === 'SV1' || s.id === 'SVD' || s.id === 'SV2') {
      const n = s.id === 'SVD' ? 3 : s.id === 'SV2' ? 2 : 1;
      const code = outElement(s, n).split(':')[1] ?? '';
      if (code.length > 48) out.push(finding('ELEMENT_LENGTH', 'error', { loop: s.loop, segment: s.id, element: `${s.id}${String(n).padStart(2, '0')}-2` }, 'procedure code must be 1-48 characters', 'use the CPT/HCPCS code'));
    }
    try {
      writeSegment(s, DEFAULT_DELIMITERS);
    } catch (e) {
      if (e instanceof X12BuildError) out.push(finding('DELIMITER_IN_VALUE', 'error', { loop: s.loop, segment: s.id }, e.message, 'remove the characters * : ^ ~ and control characters from the code or identifier'));
      else throw e;
    }
  }
  return out;
}
