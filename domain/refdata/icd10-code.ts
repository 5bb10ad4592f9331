/** ICD-10-CM code spelling: CMS files carry codes without the dot; claims and people use the dot after the third character. */

const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$/;

/** "m54.16 " -> "M5416"; returns undefined when the text cannot be an ICD-10-CM code. */
export function toDotlessIcd10(code: string): string | undefined {
  const c = code.trim().toUpperCase().replace('.', '');
  return ICD10_SHAPE.test(c) ? c : undefined;
}

/** "M5416" -> "M54.16"; "R51" stays "R51". */
export function toDottedIcd10(code: string): string {
  const c = code.trim().toUpperCase().replace('.', '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** Range test on dotless codes: `from` and `to` are inclusive and a shorter `to` covers every code below it ("M54.1" covers "M54.16"). */
export function icd10InRange(code: string, from: string, to: string): boolean {
  const c = toDotlessIcd10(code);
  const f = toDotlessIcd10(from);
  const t = toDotlessIcd10(to);
  if (!c || !f || !t) return false;
  return c >= f && (c <= t || c.startsWith(t));
}
