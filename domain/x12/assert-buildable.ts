import { X12BuildError } from './errors';
import { hasErrors, type X12Finding } from './finding';

/** Refuse to build (X12BuildError VALIDATION_FAILED carrying the findings) when a finding is an error. */
export function assertBuildable(findings: readonly X12Finding[], what: string): void {
  if (!hasErrors(findings)) return;
  const n = findings.filter((f) => f.severity === 'error').length;
  throw new X12BuildError('VALIDATION_FAILED', `${what} validation failed with ${n} error(s)`, findings);
}
