/** How an AAA03 reject reason changes what staff must do. */
export type RejectionCategory = 'payer-unavailable' | 'not-found' | 'mismatch';

export type EligibilityReasonCode =
  | 'payer-unavailable'
  | 'subscriber-not-found'
  | 'patient-not-found'
  | 'invalid-member-id'
  | 'invalid-name'
  | 'invalid-birth-date'
  | 'birth-date-mismatch'
  | 'duplicate-member-id'
  | 'invalid-payer'
  | 'provider-not-eligible'
  | 'invalid-service-date'
  | 'request-rejected'
  | 'coverage-inactive'
  | 'coverage-pending-investigation'
  | 'service-not-covered'
  | 'dos-outside-coverage'
  | 'no-coverage-information'
  | 'member-id-differs'
  | 'out-of-network'
  | 'other-payer-on-file'
  | 'authorization-indicated';

interface RejectionMeaning {
  category: RejectionCategory;
  reason: EligibilityReasonCode;
  message: string;
}

const MEANINGS: Record<string, RejectionMeaning> = {
  '42': { category: 'payer-unavailable', reason: 'payer-unavailable', message: 'payer unable to respond now (AAA 42); retry later' },
  '80': { category: 'payer-unavailable', reason: 'payer-unavailable', message: 'no response from the payer (AAA 80); retry later' },
  '75': { category: 'not-found', reason: 'subscriber-not-found', message: 'subscriber not found (AAA 75); check member id, name and birth date' },
  '67': { category: 'not-found', reason: 'patient-not-found', message: 'patient not found (AAA 67); check the dependent and relationship' },
  '72': { category: 'mismatch', reason: 'invalid-member-id', message: 'member id invalid or missing (AAA 72); copy it from the card' },
  '64': { category: 'mismatch', reason: 'invalid-member-id', message: 'patient id invalid or missing (AAA 64)' },
  '73': { category: 'mismatch', reason: 'invalid-name', message: 'subscriber name invalid or missing (AAA 73)' },
  '65': { category: 'mismatch', reason: 'invalid-name', message: 'patient name invalid or missing (AAA 65)' },
  '58': { category: 'mismatch', reason: 'invalid-birth-date', message: 'birth date invalid or missing (AAA 58)' },
  '71': { category: 'mismatch', reason: 'birth-date-mismatch', message: 'birth date does not match the payer (AAA 71)' },
  '76': { category: 'mismatch', reason: 'duplicate-member-id', message: 'member id matches more than one member (AAA 76); add name and birth date' },
  '68': { category: 'mismatch', reason: 'duplicate-member-id', message: 'patient id matches more than one member (AAA 68)' },
  '79': { category: 'mismatch', reason: 'invalid-payer', message: 'wrong payer for this member (AAA 79); check the plan on the card' },
  '41': { category: 'mismatch', reason: 'provider-not-eligible', message: 'provider not authorized to inquire (AAA 41)' },
  '43': { category: 'mismatch', reason: 'provider-not-eligible', message: 'provider id invalid or missing (AAA 43)' },
  '50': { category: 'mismatch', reason: 'provider-not-eligible', message: 'provider ineligible for inquiries (AAA 50)' },
  '51': { category: 'mismatch', reason: 'provider-not-eligible', message: 'provider not on file with the payer (AAA 51)' },
  '57': { category: 'mismatch', reason: 'invalid-service-date', message: 'date of service invalid or missing (AAA 57)' },
  '62': { category: 'mismatch', reason: 'invalid-service-date', message: 'date of service outside the inquiry period (AAA 62)' },
  '63': { category: 'mismatch', reason: 'invalid-service-date', message: 'date of service too far in the future (AAA 63)' },
};

export function interpretRejectionReason(reasonCode: string): RejectionMeaning {
  return (
    MEANINGS[reasonCode] ?? {
      category: 'mismatch',
      reason: 'request-rejected',
      message: `payer rejected the inquiry (AAA ${reasonCode})`,
    }
  );
}
