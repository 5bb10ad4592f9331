import type { Db } from '../../db/database';
import { getBillingEntity, getFacility, getProvider } from '../../db/repositories/organisations';
import { type ClaimIdentities, type ClaimIdentityResult, type ClaimKind, resolveClaimIdentities } from '../../domain/organisations/claim-identities';
import { type Arrangement, billerOf } from '../../domain/organisations/organisations';
import type { BillingProvider837, Receiver837, Submitter837 } from '../../domain/x12';

/**
 * Who bills and who transmits: the imaging center's billing provider, the submitter (ETIN) and the
 * receiver (clearinghouse). A facility with a `facilities` row bills each claim under the entity its setup
 * names (facilityIdentities below); a facility without one uses this profile, as it always has.
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

/** What the facility's records say about one claim: nothing (no facility row: the profile above), its identities, or why it cannot be billed. */
export type FacilityIdentities =
  | { setUp: false }
  | ({ setUp: true } & ClaimIdentityResult);

/**
 * Reads the facility's setup and the records one claim names (the billing entity, the ordering physician, the
 * reading radiologist) and resolves the claim's identities. An exam whose facility has no `facilities` row is
 * billed as before, under the billing profile.
 */
export async function facilityIdentities(
  db: Db,
  args: { facilityId: string; arrangement?: Arrangement; kind: ClaimKind; form: '837P' | '837I'; orderingNpi: string; radiologistNpi?: string; procedureCodes: readonly string[] },
): Promise<FacilityIdentities> {
  const facility = await getFacility(db, args.facilityId);
  if (!facility) return { setUp: false };
  const arrangement = args.arrangement ?? facility.defaultArrangement;
  const entityId = billerOf(facility, arrangement, args.kind);
  const [entity, ordering, radiologist] = await Promise.all([
    entityId ? getBillingEntity(db, entityId) : undefined,
    getProvider(db, args.orderingNpi),
    args.radiologistNpi ? getProvider(db, args.radiologistNpi) : undefined,
  ]);
  const result = resolveClaimIdentities({
    facility, arrangement, kind: args.kind, form: args.form,
    entities: entityId ? { [entityId]: entity } : {},
    orderingNpi: args.orderingNpi,
    ...(ordering ? { ordering } : {}),
    ...(args.radiologistNpi ? { radiologistNpi: args.radiologistNpi } : {}),
    ...(radiologist ? { radiologist } : {}),
    procedureCodes: args.procedureCodes,
  });
  return { setUp: true, ...result };
}

/** The profile a claim billed under a facility's setup goes out with: the entity as billing provider, the transmission as configured. */
export function profileWithBillingProvider(profile: BillingProfile, identities: ClaimIdentities): BillingProfile {
  return { ...profile, billingProvider: identities.billingProvider };
}
