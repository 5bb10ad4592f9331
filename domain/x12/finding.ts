/** One thing a validator or a balancing check noticed: what, where, and how to fix it. */
export interface X12Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Loop id from the implementation guide, e.g. "2300", "2010AA", "ISA". */
  loop: string;
  /** Segment id, e.g. "CLM". */
  segment: string;
  /** Element reference, e.g. "CLM01" ("" when the finding is about a whole segment or loop). */
  element: string;
  message: string;
  fix: string;
}

export function finding(
  code: string,
  severity: X12Finding['severity'],
  where: { loop: string; segment: string; element?: string },
  message: string,
  fix: string,
): X12Finding {
  return { code, severity, loop: where.loop, segment: where.segment, element: where.element ?? '', message, fix };
}

export function hasErrors(findings: readonly X12Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
