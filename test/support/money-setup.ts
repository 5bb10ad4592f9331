import type { Db } from '../../db/database';
import { putBillingEntity, putFacility } from '../../db/repositories/organisations';
import { BillingEntitySchema, FacilitySchema, type BillingEntityInput, type FacilityInput } from '../../domain/organisations/organisations';

/** A billing entity (an imaging center unless told) stored as the organisations API would. */
export async function givenEntity(db: Db, id: string, overrides: Partial<BillingEntityInput> = {}): Promise<void> {
  await putBillingEntity(db, BillingEntitySchema.parse({
    id, name: `${id.toUpperCase()} IMAGING`, npi: '1234567893', tin: '371234567', taxonomy: '261QR0200X', kind: 'imaging-center',
    address: { line1: '100 Scan Way', city: 'Springfield', state: 'IL', postalCode: '627011234' }, ...overrides,
  }), 'test-admin');
}

/** A facility whose arrangements are billed by the given entities. */
export async function givenFacility(db: Db, id: string, billing: FacilityInput['billing'], overrides: Partial<FacilityInput> = {}): Promise<void> {
  await putFacility(db, FacilitySchema.parse({
    id, name: `${id.toUpperCase()} SITE`, address: { line1: '100 Scan Way', city: 'Springfield', state: 'IL', postalCode: '62701' },
    placeOfService: '11', timeZone: 'America/Chicago', billing, ...overrides,
  }), 'test-admin');
}
