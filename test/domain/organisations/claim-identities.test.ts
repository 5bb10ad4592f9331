import { type ClaimIdentityInput, resolveClaimIdentities, sameAddress } from '../../../domain/organisations/claim-identities';
import { parseCsv, CsvRecordReader, importFacilities } from '../../../domain/organisations/csv';
import { BillingEntitySchema, FacilitySchema, ProviderSchema } from '../../../domain/organisations/organisations';
import {
  ORDERING_NPI, RADIOLOGIST_NPI, READING_GROUP_NPI, facility, imagingCenter, orderingPhysician, radiologist, readingGroup,
} from '../../support/organisation-fixture';

const entities = { 'springfield-imaging': BillingEntitySchema.parse(imagingCenter()), 'north-radiology': BillingEntitySchema.parse(readingGroup()) };

function input(overrides: Partial<ClaimIdentityInput> = {}): ClaimIdentityInput {
  return {
    facility: FacilitySchema.parse(facility()), arrangement: 'split', kind: 'professional', form: '837P', entities,
    orderingNpi: ORDERING_NPI, ordering: ProviderSchema.parse(orderingPhysician()),
    radiologistNpi: RADIOLOGIST_NPI, radiologist: ProviderSchema.parse(radiologist()), procedureCodes: ['72148'],
    ...overrides,
  };
}

describe('who a claim names', () => {
  test('split: the professional claim is billed by the reading group, the technical by the center', () => {
    const p = resolveClaimIdentities(input());
    const t = resolveClaimIdentities(input({ kind: 'technical' }));
    expect(p.ok && p.identities.billingProvider).toMatchObject({ npi: READING_GROUP_NPI, taxId: '372222222', lastOrOrgName: 'NORTH RADIOLOGY ASSOCIATES' });
    expect(t.ok && t.identities.billingProvider.npi).toBe(entities['springfield-imaging'].npi);
    expect(t.ok && t.identities.renderingProvider).toBeUndefined();
  });

  test('a global claim is billed by the technical biller, or the professional one when it is the only one named', () => {
    const onlyProfessional = FacilitySchema.parse(facility({ billing: { global: { professional: 'north-radiology' } } }));
    const r = resolveClaimIdentities(input({ facility: onlyProfessional, arrangement: 'global', kind: 'global' }));
    expect(r.ok && r.identities.entityId).toBe('north-radiology');
  });

  test('an individual radiologist billing in their own name needs no 2310B and no reassignment', () => {
    const own = BillingEntitySchema.parse({ ...imagingCenter(), id: 'dr-wren', entityType: '1', name: 'Wren', firstName: 'Alice', npi: RADIOLOGIST_NPI, kind: 'physician', taxonomy: '2085R0202X' });
    const f = FacilitySchema.parse(facility({ billing: { professional: { professional: 'dr-wren' } } }));
    const r = resolveClaimIdentities(input({ facility: f, arrangement: 'professional', entities: { 'dr-wren': own }, radiologist: ProviderSchema.parse(radiologist({ reassignedTo: [] })) }));
    expect(r.ok && r.identities.billingProvider).toMatchObject({ entityType: '1', lastOrOrgName: 'WREN', firstName: 'ALICE' });
    expect(r.ok && r.identities.renderingProvider).toBeUndefined();
  });

  test('an inactive billing entity or one not on file stops the claim with the path to fix', () => {
    const inactive = resolveClaimIdentities(input({ entities: { ...entities, 'north-radiology': { ...entities['north-radiology'], active: false } } }));
    expect(inactive).toMatchObject({ ok: false, problem: { code: 'billing-entity-inactive', paths: ['billing-entities.north-radiology.active'] } });
    const missing = resolveClaimIdentities(input({ entities: { 'springfield-imaging': entities['springfield-imaging'] } }));
    expect(missing).toMatchObject({ ok: false, problem: { code: 'billing-entity-missing' } });
  });

  test('an inactive radiologist is a reassignment violation', () => {
    const r = resolveClaimIdentities(input({ radiologist: ProviderSchema.parse(radiologist({ active: false })) }));
    expect(r).toMatchObject({ ok: false, problem: { code: 'reassignment-violation' } });
  });

  test('a mammography claim at a facility without an MQSA certificate is built, with a note naming the missing certificate', () => {
    const f = FacilitySchema.parse(facility({ mqsaCertificate: undefined }));
    const r = resolveClaimIdentities(input({ facility: f, procedureCodes: ['77067'] }));
    expect(r.ok && r.identities.mammographyCertification).toBeUndefined();
    expect(r.ok && r.identities.notes.map((n) => n.code)).toEqual(['mqsa-certificate-missing']);
    // an 837I carries no REF*EW
    const i = resolveClaimIdentities(input({ form: '837I', kind: 'technical', procedureCodes: ['77067'] }));
    expect(i.ok && i.identities.mammographyCertification).toBeUndefined();
  });

  test('addresses compare without case, punctuation or the ZIP+4', () => {
    expect(sameAddress({ line1: '100 Main St.', city: 'Springfield', state: 'IL', postalCode: '62701' }, { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' })).toBe(true);
    expect(sameAddress({ line1: '100 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' }, { line1: '102 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' })).toBe(false);
  });
});

describe('CSV reading', () => {
  test('quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\r\n').rows).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });

  test('the streaming reader gives the same records whatever the chunk size', () => {
    const text = 'a,b,c\r\n"1,5","q""uote",\n"multi\nline",x,y\n';
    const whole = new CsvRecordReader();
    const expected = [...whole.push(text), ...whole.end()];
    for (const size of [1, 2, 3, 7]) {
      const r = new CsvRecordReader();
      const got: string[][] = [];
      for (let i = 0; i < text.length; i += size) got.push(...r.push(text.slice(i, i + size)));
      got.push(...r.end());
      expect(got).toEqual(expected);
    }
    expect(expected).toEqual([['a', 'b', 'c'], ['1,5', 'q"uote', ''], ['multi\nline', 'x', 'y']]);
  });

  test('a facility row maps dotted columns onto the setup', () => {
    const r = importFacilities('id,name,address.line1,address.city,address.state,address.postalCode,placeOfService,timeZone,billing.split.technical,billing.split.professional\nx,X Site,1 A St,Peoria,IL,61602,22,America/Chicago,a-center,b-group\n');
    expect(r.ok && r.records[0]!.record.billing).toEqual({ split: { technical: 'a-center', professional: 'b-group' } });
  });
});
