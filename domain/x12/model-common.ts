/** Building blocks shared by the transaction models. Money is integer cents; dates are ISO YYYY-MM-DD. */

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
}

/** NM1 name: entityType "1" person (last/first/middle/suffix) or "2" organization (lastOrOrgName only). */
export interface EntityName {
  entityType: '1' | '2';
  lastOrOrgName: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
}

/** A provider identified by NPI (NM108 = XX). */
export interface NpiProvider extends EntityName {
  npi: string;
}

/** One CAS reason: group code, CARC, amount and optional quantity. */
export interface Adjustment {
  group: 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
  reason: string;
  amountCents: number;
  quantity?: number;
}

export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;

/** A procedure code with its qualifier (HC = CPT/HCPCS) and up to four modifiers. */
export interface Procedure {
  qualifier: string;
  code: string;
  modifiers: string[];
}
