/**
 * A problem found while coding or scrubbing a claim: what is wrong, where, and how to fix it, in plain words.
 * Messages never carry patient data: only codes, line numbers and field names.
 */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Where on the claim (or exam): "lines[1].modifiers", "diagnoses[0]", "placeOfService". */
  field: string;
  message: string;
  fix: string;
  /** True when the engine corrected it itself (and reports what it did). */
  autoFixable: boolean;
}

export function finding(code: string, severity: Finding['severity'], field: string, message: string, fix: string, autoFixable = false): Finding {
  return { code, severity, field, message, fix, autoFixable };
}
