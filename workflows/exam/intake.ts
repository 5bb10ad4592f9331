import { z } from 'zod';
import { isValidNpi } from '../../domain/identifiers/npi';
import { safeNote, safeText } from '../../domain/text';

/** Calendar date YYYY-MM-DD that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a calendar date');

export const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone' });

export const Npi = z.string().refine(isValidNpi, 'is not a valid NPI (10 digits with a valid check digit)');
export const Cpt = z.string().regex(/^(\d{4}[0-9AFMTU]|[A-V]\d{4})$/, 'must be a CPT or HCPCS code like 72148 or G0279');
export const Icd10 = z.string().regex(/^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code like M54.16');
export const PlaceOfService = z.string().regex(/^\d{2}$/, 'must be a two-digit place of service code');
export const PayerId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be a payer id like medicare-b');

export const BillingArrangement = z.enum(['global', 'split', 'professional', 'technical']);
export const Modality = z.enum(['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'NM', 'PT', 'XA', 'RF', 'BD']);
export const Sex = z.enum(['F', 'M', 'U']);

/**
 * Free-text fields refuse control characters and are limited to what the X12 element that carries them
 * allows (N301/N302 55, N401 30, NM103 60, NM104 35, SBR03 50); X12 delimiters in them are escaped by the builders.
 */
const Address = z.strictObject({
  line1: safeText(55),
  line2: safeText(55).optional(),
  city: safeText(30, { min: 2 }),
  state: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code'),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/, 'must be a 5 or 9 digit ZIP code'),
});

const Person = {
  firstName: safeText(35),
  lastName: safeText(60),
  birthDate: IsoDate,
  sex: Sex,
};

export const Patient = z.strictObject({
  mrn: safeText(30),
  ...Person,
  address: Address,
  phone: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
});

export const Coverage = z.strictObject({
  payerId: PayerId,
  memberId: z.string().regex(/^[A-Za-z0-9-]{2,80}$/, 'must be 2-80 letters, digits or dashes'),
  groupNumber: safeText(50).optional(),
  relationship: z.enum(['self', 'spouse', 'child', 'other']),
  order: z.enum(['primary', 'secondary', 'tertiary']),
  subscriber: z.strictObject({ ...Person, address: Address.optional() }).optional(),
  /**
   * Why Medicare pays second (SBR05 of a claim where Medicare is the secondary payer): 12 working aged, 13 ESRD,
   * 14 no-fault, 15 workers' compensation, 16 public health service, 41 black lung, 42 veterans, 43 disability,
   * 47 other liability. Given on the Medicare coverage (or on the coverage that pays before it).
   */
  mspType: z.enum(['12', '13', '14', '15', '16', '41', '42', '43', '47']).optional(),
});

export const OrderedProcedure = z.strictObject({
  cpt: Cpt,
  units: z.number().int().min(1).max(99).default(1),
  laterality: z.enum(['LT', 'RT', 'bilateral']).optional(),
});

export const Order = z.strictObject({
  orderingProviderNpi: Npi,
  modality: Modality,
  procedures: z.array(OrderedProcedure).min(1).max(20),
  diagnoses: z.array(Icd10).min(1).max(12),
  priority: z.enum(['routine', 'urgent', 'stat']).default('routine'),
  scheduledAt: IsoDateTime,
  reason: safeNote(500).optional(),
});

export const Facility = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a facility id like main'),
  billingArrangement: BillingArrangement,
  placeOfService: PlaceOfService,
});

export const ExamIntakeSchema = z
  .strictObject({
    accessionNumber: z.string().regex(/^[A-Za-z0-9-]{1,50}$/, 'must be 1-50 letters, digits or dashes'),
    facility: Facility,
    patient: Patient,
    coverages: z.array(Coverage).min(1).max(3),
    order: Order,
  })
  .superRefine((intake, ctx) => {
    const orders = intake.coverages.map((c) => c.order);
    if (new Set(orders).size !== orders.length) ctx.addIssue({ code: 'custom', path: ['coverages'], message: 'each coverage order (primary, secondary, tertiary) may appear once' });
    if (!orders.includes('primary')) ctx.addIssue({ code: 'custom', path: ['coverages'], message: 'a primary coverage is required' });
    intake.coverages.forEach((c, i) => {
      if (c.relationship !== 'self' && !c.subscriber) ctx.addIssue({ code: 'custom', path: ['coverages', i, 'subscriber'], message: 'is required when the patient is not the subscriber' });
    });
  });

export type ExamIntake = z.infer<typeof ExamIntakeSchema>;
export type ExamIntakeInput = z.input<typeof ExamIntakeSchema>;
