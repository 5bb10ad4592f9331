import type { BillingProvider837, Receiver837, Submitter837 } from '../../domain/x12';

/**
 * Who bills and who transmits: the imaging center's billing provider, the submitter (ETIN) and the
 * receiver (clearinghouse). One profile per facility; a facility without its own uses the default.
 * The values below are the sandbox's (a valid-format NPI and EIN that identify no one).
 */
export interface BillingProfile {
  billingProvider: BillingProvider837;
  submitter: Submitter837;
  receiver: Receiver837;
  /** ISA06/ISA08 of outbound interchanges. */
  interchangeSenderId: string;
  interchangeReceiverId: string;
  usage: 'P' | 'T';
}

export const DEFAULT_BILLING_PROFILE: BillingProfile = {
  billingProvider: {
    entityType: '2',
    lastOrOrgName: 'IMAGING CENTER',
    npi: '1234567893',
    taxId: '371234567',
    taxonomy: '261QR0200X',
    address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
  },
  submitter: { name: { entityType: '2', lastOrOrgName: 'IMAGING CENTER' }, id: 'IMAGINGRCM', contact: { name: 'BILLING OFFICE', phone: '2175550100' } },
  receiver: { name: 'SANDBOX CLEARINGHOUSE', id: 'SANDBOXCH' },
  interchangeSenderId: 'IMAGINGRCM',
  interchangeReceiverId: 'SANDBOXCH',
  usage: 'T',
};

export function billingProfileFor(facilityId: string, profiles: Readonly<Record<string, BillingProfile>> = {}): BillingProfile {
  return profiles[facilityId] ?? DEFAULT_BILLING_PROFILE;
}
