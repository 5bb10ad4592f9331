import type { Address, BillingProvider837, NpiProvider, PayToProvider837 } from '../x12';
import { type Arrangement, type BillingEntity, type Facility, type OrgAddress, type Provider, billerOf } from './organisations';

/**
 * Who a claim names, taken from the organisation records: the billing provider (2010AA) is the entity that
 * bills the claim's component at the facility under the exam's arrangement, with its pay-to address
 * (2010AB); the ordering physician (2310A, 837I 2310F) and the reading radiologist (2310B) carry the names
 * of the provider registry; the service facility (2310C, 837I 2310E) is written when the exam was performed
 * somewhere else than the billing address; mammography claims carry the facility's MQSA certificate (REF*EW).
 *
 * One rendering provider per claim: the claim-level 2310B covers every line, so no 2420 line loop is needed.
 */

export type ClaimKind = 'global' | 'technical' | 'professional';

/** Mammography: screening and diagnostic (77061-77067) and digital breast tomosynthesis screening (G0279). */
export const MAMMOGRAPHY_CODES: ReadonlySet<string> = new Set(['77061', '77062', '77063', '77065', '77066', '77067', 'G0279']);

export interface ClaimIdentityInput {
  facility: Facility;
  /** the exam's arrangement (the order's; the facility's default when the order named none) */
  arrangement: Arrangement;
  kind: ClaimKind;
  form: '837P' | '837I';
  /** the billing entities by id (at least the one billerOf names) */
  entities: Readonly<Record<string, BillingEntity | undefined>>;
  orderingNpi: string;
  /** the ordering physician's registry record, when there is one */
  ordering?: Provider;
  /** the NPI of the radiologist who signed the report */
  radiologistNpi?: string;
  radiologist?: Provider;
  procedureCodes: readonly string[];
}

/** Something the claim goes out with that a biller should know and may fix (the claim is still built). */
export interface IdentityNote {
  code: 'ordering-provider-not-registered' | 'rendering-provider-not-known' | 'mqsa-certificate-missing';
  message: string;
  path: string;
}

/** Why the claim cannot be billed under this setup (a claim-build error: fix the records, then retry). */
export interface IdentityProblem {
  code: 'billing-entity-not-named' | 'billing-entity-missing' | 'billing-entity-inactive' | 'reassignment-violation';
  message: string;
  paths: string[];
}

export interface ClaimIdentities {
  /** the entity that bills the claim */
  entityId: string;
  billingProvider: BillingProvider837;
  payToProvider?: PayToProvider837;
  referringProvider: NpiProvider;
  renderingProvider?: NpiProvider & { taxonomy?: string };
  serviceFacility?: { name: string; npi?: string; address: Address };
  mammographyCertification?: string;
  notes: IdentityNote[];
}

export type ClaimIdentityResult = { ok: true; identities: ClaimIdentities } | { ok: false; problem: IdentityProblem };

/** The legacy name of an ordering physician the registry does not know (NM103 cannot be empty). */
export const UNREGISTERED_ORDERING_NAME = 'ORDERING PHYSICIAN';

const upper = (s: string) => s.toUpperCase();

export function x12Address(a: OrgAddress): Address {
  return { line1: upper(a.line1), ...(a.line2 ? { line2: upper(a.line2) } : {}), city: upper(a.city), state: a.state, postalCode: a.postalCode };
}

/** The same place: street, city, state and 5-digit ZIP compared without case or spacing differences. */
export function sameAddress(a: OrgAddress, b: OrgAddress): boolean {
  const norm = (x: OrgAddress) => [x.line1, x.line2 ?? '', x.city, x.state, x.postalCode.slice(0, 5)].map((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, '')).join('|');
  return norm(a) === norm(b);
}

export function providerName(p: Provider): NpiProvider {
  return {
    entityType: '1', lastOrOrgName: upper(p.lastName), npi: p.npi,
    ...(p.firstName ? { firstName: upper(p.firstName) } : {}),
    ...(p.middleName ? { middleName: upper(p.middleName) } : {}),
  };
}

export function billingProviderOf(entity: BillingEntity): BillingProvider837 {
  return {
    entityType: entity.entityType,
    lastOrOrgName: upper(entity.name),
    ...(entity.entityType === '1' && entity.firstName ? { firstName: upper(entity.firstName) } : {}),
    npi: entity.npi,
    taxId: entity.tin,
    taxonomy: entity.taxonomy,
    address: x12Address(entity.address),
  };
}

/** The claim's identities under the facility's setup, or the problem that stops the claim. Pure. */
export function resolveClaimIdentities(input: ClaimIdentityInput): ClaimIdentityResult {
  const { facility, arrangement, kind } = input;
  const entityId = billerOf(facility, arrangement, kind);
  if (!entityId) {
    return fail('billing-entity-not-named', `facility ${facility.id} names no billing entity for the ${kind} component under the ${arrangement} arrangement`, [`facilities.${facility.id}.billing.${arrangement}`]);
  }
  const entity = input.entities[entityId];
  if (!entity) return fail('billing-entity-missing', `billing entity ${entityId} named by facility ${facility.id} is not on file`, [`billing-entities.${entityId}`]);
  if (!entity.active) return fail('billing-entity-inactive', `billing entity ${entityId} is inactive`, [`billing-entities.${entityId}.active`]);

  const notes: IdentityNote[] = [];
  const billingProvider = billingProviderOf(entity);

  // 2310A: Medicare's ordering/referring edit matches the NPI and the name; an NPI the registry does not know
  // goes out as before, and the biller is told to add the provider (e.g. from the NPPES file).
  const referringProvider: NpiProvider = input.ordering
    ? providerName(input.ordering)
    : { entityType: '1', lastOrOrgName: UNREGISTERED_ORDERING_NAME, npi: input.orderingNpi };
  if (!input.ordering) {
    notes.push({ code: 'ordering-provider-not-registered', message: `ordering provider NPI ${input.orderingNpi} is not in the provider registry: the claim names the physician as ORDERING PHYSICIAN, which payers that match NPI and name (Medicare CARC 183/184) deny; add the provider (API or NPPES file) and correct the claim`, path: `providers.${input.orderingNpi}` });
  }

  // 2310B and reassignment: only the professional component (alone or in a global claim) is rendered by the radiologist.
  let renderingProvider: ClaimIdentities['renderingProvider'];
  if (kind !== 'technical') {
    const npi = input.radiologistNpi;
    if (!npi) {
      notes.push({ code: 'rendering-provider-not-known', message: 'the report names no radiologist: the claim carries no rendering provider and the reassignment was not checked', path: 'report.radiologistNpi' });
    } else if (npi !== entity.npi) {
      const r = input.radiologist;
      if (!r || !r.active || !r.reassignedTo.includes(entityId)) {
        const why = !r ? 'is not in the provider registry' : !r.active ? 'is inactive in the provider registry' : `has not reassigned benefits to ${entityId}`;
        return fail('reassignment-violation', `the reading radiologist (NPI ${npi}) ${why}: billing entity ${entityId} may not bill the professional service (add the CMS-855R reassignment to the provider, or bill it under an entity the radiologist reassigned to)`, [`providers.${npi}.reassignedTo`, `facilities.${facility.id}.billing.${arrangement}.${kind === 'global' ? 'technical' : 'professional'}`]);
      }
      renderingProvider = { ...providerName(r), ...(r.taxonomy ? { taxonomy: r.taxonomy } : {}) };
    }
  }

  const serviceFacility = sameAddress(facility.address, entity.address)
    ? undefined
    : { name: upper(facility.name), ...(facility.npi ? { npi: facility.npi } : {}), address: x12Address(facility.address) };

  let mammographyCertification: string | undefined;
  if (input.form === '837P' && input.procedureCodes.some((c) => MAMMOGRAPHY_CODES.has(c))) {
    if (facility.mqsaCertificate) mammographyCertification = facility.mqsaCertificate;
    else notes.push({ code: 'mqsa-certificate-missing', message: `facility ${facility.id} has no MQSA certificate: the mammography claim carries no REF*EW and Medicare rejects it`, path: `facilities.${facility.id}.mqsaCertificate` });
  }

  return {
    ok: true,
    identities: {
      entityId,
      billingProvider,
      ...(entity.payTo ? { payToProvider: { entityType: '2' as const, address: x12Address(entity.payTo) } } : {}),
      referringProvider,
      ...(renderingProvider ? { renderingProvider } : {}),
      ...(serviceFacility ? { serviceFacility } : {}),
      ...(mammographyCertification ? { mammographyCertification } : {}),
      notes,
    },
  };
}

function fail(code: IdentityProblem['code'], message: string, paths: string[]): ClaimIdentityResult {
  return { ok: false, problem: { code, message, paths } };
}
