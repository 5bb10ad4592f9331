import type { PcTcIndicator } from '../refdata/ref-data';

/** What each PC/TC indicator of the PFS relative value file means for billing components (RVU documentation, Attachment A). */
export const PCTC_MEANING: Record<PcTcIndicator, string> = {
  '0': 'physician service: no professional/technical split; 26 and TC not allowed',
  '1': 'diagnostic test with professional (26) and technical (TC) components',
  '2': 'professional-component-only code; 26 and TC not allowed',
  '3': 'technical-component-only code; 26 and TC not allowed',
  '4': 'global-test-only code with separate PC-only and TC-only codes; 26 and TC not allowed',
  '5': 'incident-to service; not payable in a hospital setting; 26 and TC not allowed',
  '6': 'laboratory physician interpretation; TC not allowed',
  '7': 'physical therapy service not payable to an independent therapist in a hospital',
  '8': 'physician interpretation of an abnormal smear for a hospital inpatient; TC not allowed',
  '9': 'professional/technical concept does not apply',
};

export function pcTcMeaning(indicator: string | undefined): string {
  return indicator && indicator in PCTC_MEANING ? `PC/TC ${indicator}: ${PCTC_MEANING[indicator as PcTcIndicator]}` : 'PC/TC indicator unknown';
}
