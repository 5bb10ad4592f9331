import { z } from 'zod';
import { isValidNpi } from '../identifiers/npi';
import { safeText } from '../text';

/**
 * The organisations and people claims are billed by and for: billing entities (who is paid: an imaging
 * center, a hospital, a reading group), facilities (where exams are performed and which entity bills
 * each component there) and providers (radiologists and ordering physicians). Claims take their
 * identities (2010AA/AB, 2310A/B/C, 2420) from these records.
 */

export const OrgId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be an id like main or north-radiology');
const Npi = z.string().refine(isValidNpi, 'is not a valid NPI (10 digits with a valid check digit)');
const Taxonomy = z.string().regex(/^[0-9A-Z]{9}X$/, 'must be a 10-character provider taxonomy code like 2085R0202X');

export const OrgAddressSchema = z.strictObject({
  line1: safeText(55),
  line2: safeText(55).optional(),
  city: safeText(30, { min: 2 }),
  state: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code'),
  /** A billing provider's address carries the ZIP+4 (9 digits); a service facility may carry 5. */
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/, 'must be a 5 or 9 digit ZIP code'),
});
export type OrgAddress = z.infer<typeof OrgAddressSchema>;

/** Who bills and is paid: the 2010AA billing provider (and 2010AB pay-to when payments go elsewhere). */
export const BillingEntitySchema = z.strictObject({
  id: OrgId,
  name: safeText(60),
  /** '2' an organisation (imaging center, hospital, group); '1' a radiologist billing as an individual */
  entityType: z.enum(['1', '2']).default('2'),
  /** for entityType '1': the person's first name (NM104) */
  firstName: safeText(35).optional(),
  npi: Npi,
  /** EIN (or SSN for an individual), nine digits, no dash */
  tin: z.string().regex(/^\d{9}$/, 'must be the 9-digit EIN without a dash'),
  taxonomy: Taxonomy,
  /** the kind of organisation: what it may bill under the law */
  kind: z.enum(['imaging-center', 'hospital', 'reading-group', 'physician']),
  /** physical address (no PO box): ZIP+4 */
  address: OrgAddressSchema.refine((a) => a.postalCode.length === 9, { message: 'a billing provider address needs the 9-digit ZIP+4', path: ['postalCode'] }),
  /** where payments go when not the address above (2010AB) */
  payTo: OrgAddressSchema.optional(),
  /** Medicare Part A provider number (CCN) of a hospital, for its institutional claims */
  medicareCcn: z.string().regex(/^[0-9A-Z]{6}$/, 'must be the 6-character CMS certification number').optional(),
  active: z.boolean().default(true),
});
export type BillingEntity = z.infer<typeof BillingEntitySchema>;
export type BillingEntityInput = z.input<typeof BillingEntitySchema>;

export const ArrangementSchema = z.enum(['global', 'split', 'professional', 'technical']);
export type Arrangement = z.infer<typeof ArrangementSchema>;

/**
 * Which entity bills which component under one arrangement at a facility. A global claim is billed by
 * `technical` (the owner of the site and equipment), or `professional` when only it is given.
 */
export const ComponentBillersSchema = z.strictObject({
  technical: OrgId.optional(),
  professional: OrgId.optional(),
});
export type ComponentBillers = z.infer<typeof ComponentBillersSchema>;

export const FacilitySchema = z.strictObject({
  id: OrgId,
  name: safeText(60),
  /** the service location (2310C when it differs from the billing provider's address) */
  address: OrgAddressSchema,
  /** default CMS place of service of exams here (an exam's own wins) */
  placeOfService: z.string().regex(/^\d{2}$/, 'must be a two-digit place of service code'),
  /** IANA zone: dates of service are the exam's local date here */
  timeZone: z.string().refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } }, 'is not an IANA time zone like America/Chicago'),
  /** FDA MQSA certificate number of the mammography unit (REF*EW on mammography claims) */
  mqsaCertificate: z.string().regex(/^[0-9A-Za-z-]{1,50}$/, 'must be the MQSA certificate number').optional(),
  /** NPI of the service location when it has its own */
  npi: Npi.optional(),
  /** arrangement used when an order does not name one */
  defaultArrangement: ArrangementSchema.default('global'),
  /** for each arrangement the facility uses, which entity bills the technical and which the professional component */
  billing: z.partialRecord(ArrangementSchema, ComponentBillersSchema),
  active: z.boolean().default(true),
});
export type Facility = z.infer<typeof FacilitySchema>;
export type FacilityInput = z.input<typeof FacilitySchema>;

export const ProviderSchema = z.strictObject({
  npi: Npi,
  lastName: safeText(60),
  firstName: safeText(35).optional(),
  middleName: safeText(25).optional(),
  credential: safeText(20).optional(),
  taxonomy: Taxonomy.optional(),
  roles: z.array(z.enum(['radiologist', 'ordering'])).min(1).default(['ordering']),
  /** the billing entities the provider has reassigned benefits to (CMS-855R): who may bill their professional services */
  reassignedTo: z.array(OrgId).default([]),
  active: z.boolean().default(true),
});
export type Provider = z.infer<typeof ProviderSchema>;
export type ProviderInput = z.input<typeof ProviderSchema>;

/** The entity that bills one claim kind under an arrangement at a facility; undefined when the setup names none. */
export function billerOf(facility: Facility, arrangement: Arrangement, kind: 'global' | 'technical' | 'professional'): string | undefined {
  const billers = facility.billing[arrangement];
  if (!billers) return undefined;
  if (kind === 'global') return billers.technical ?? billers.professional;
  return billers[kind];
}
