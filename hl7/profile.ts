import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Cpt, Facility, Modality, PayerId } from '../workflows/exam/intake';

/**
 * A mapping profile: how one sending application (the RIS, or the interface engine in front of it) writes its
 * HL7 v2 messages. Every RIS differs: where the accession number lives, which code systems it names, which
 * status codes mean "exam complete" or "final report", how its insurance plans map to the engine's payers.
 * One JSON file per sender under HL7_PROFILES_DIR, validated at start; `sendingApplication: "*"` is the default.
 */
const statuses = (defaults: string[]) => z.array(z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be an HL7 status code like CM or F')).default(defaults);

export const Hl7ProfileSchema = z.strictObject({
  /** the version of the profile format (this engine reads 1) */
  version: z.literal(1),
  /** a name for logs and the message list */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a profile name like ris-main'),
  /** MSH-3 of the messages the profile applies to; "*" is the default profile */
  sendingApplication: z.string().min(1).max(180),
  /** MSH-4 too, when one application sends for several facilities with different layouts */
  sendingFacility: z.string().min(1).max(180).optional(),
  /** the facility of the exams this sender orders (the intake's facility) */
  facility: Facility,
  /** PID-3 identifier type (component 5) of the repetition that is the MRN (the first repetition when none is) */
  patientIdentifierType: z.string().regex(/^[A-Z0-9]{1,5}$/, 'must be an identifier type code like MR').default('MR'),
  /** which order number is the accession: the placer's (ORC-2/OBR-2) or the filler's (ORC-3/OBR-3) */
  accession: z.enum(['placer', 'filler']).default('filler'),
  /** OBR-4 coding systems (component 3) that carry CPT/HCPCS codes as they are; "" when the RIS names none */
  procedureCodeSystems: z.array(z.string().max(20)).default(['CPT4', 'CPT', 'C4', 'HCPCS', 'HCPT', '']),
  /** the RIS's own procedure codes (OBR-4.1 under another system) and the CPT/HCPCS each bills as */
  procedureCodes: z.record(z.string().min(1).max(50), Cpt).default({}),
  /** DG1-3 / OBR-31 coding systems that carry ICD-10-CM ("" when the RIS names none) */
  diagnosisCodeSystems: z.array(z.string().max(20)).default(['I10', 'I10C', 'ICD10', 'ICD10CM', 'ICD-10-CM', '']),
  /** OBR-24 (diagnostic service section) values and the modality each is; a value that is a modality stands for itself */
  modalities: z.record(z.string().min(1).max(10), Modality).default({}),
  /** IN1-3 insurance company ids (or IN1-2 plan ids) and the engine's payer id each is; an id that is a payer id stands for itself */
  payers: z.record(z.string().min(1).max(80), PayerId).default({}),
  /** an ORM whose ORC-5 (order status) or OBR-25 (result status) is one of these says the exam was performed */
  examComplete: z.strictObject({ orderStatus: statuses(['CM']), resultStatus: statuses([]) }).default({ orderStatus: ['CM'], resultStatus: [] }),
  /** ORU OBR-25 values: a final report, a correction of it (applied as an addendum), a preliminary one (stored only) */
  results: z
    .strictObject({ final: statuses(['F']), corrected: statuses(['C']), preliminary: statuses(['P', 'A', 'I', 'R', 'S']) })
    .default({ final: ['F'], corrected: ['C'], preliminary: ['P', 'A', 'I', 'R', 'S'] }),
  /**
   * Where an exam-complete message says whether contrast was given: an OBX (OBX-3.1 the observation id, OBX-5.1 the
   * value) or a field (SEG-n[.c]; an OBR field is read per procedure). The values that mean with, without-then-with
   * and without; absent: contrast is not read (false).
   */
  contrast: z
    .strictObject({
      observation: z.string().min(1).max(50).optional(),
      field: z.string().regex(/^[A-Z][A-Z0-9]{2}-\d{1,3}(\.\d{1,2})?$/, 'must be a field like OBR-13 or ZDS-2.1').optional(),
      with: z.array(z.string().min(1).max(20)).default(['Y', 'YES', 'WITH', 'C']),
      withoutThenWith: z.array(z.string().min(1).max(20)).default(['WWO', 'BOTH', 'W/WO']),
      without: z.array(z.string().min(1).max(20)).default(['N', 'NO', 'NONE', 'WO']),
    })
    .refine((c) => (c.observation === undefined) !== (c.field === undefined), 'give either observation or field')
    .optional(),
  /**
   * Where an exam-complete message (or a charge) names the technologist who performed the exam: a field (SEG-n) of
   * the first such segment, OBR-34 (technician) by default. `ndl`: ID&family&given in component 1, as HL7 defines
   * OBR-32..35; `xcn`: ID^family^given (ORC-10, FT1-20, or an OBR-34 written that way); absent: read from the value.
   * `null`: the sender's technologist is not read.
   */
  technologist: z
    .strictObject({
      field: z.string().regex(/^[A-Z][A-Z0-9]{2}-\d{1,3}$/, 'must be a field like OBR-34 or FT1-20').default('OBR-34'),
      format: z.enum(['ndl', 'xcn']).optional(),
    })
    .nullable()
    .default({ field: 'OBR-34' }),
  /**
   * The FT1 field of a charge's diagnosis codes (CE, repeating; component 3 a coding system of
   * `diagnosisCodeSystems`), FT1-19 by default. `null`: a charge's diagnoses are not read.
   */
  chargeDiagnoses: z
    .strictObject({ field: z.string().regex(/^FT1-\d{1,2}$/, 'must be an FT1 field like FT1-19').default('FT1-19') })
    .nullable()
    .default({ field: 'FT1-19' }),
  /** the zone offset of HL7 timestamps sent without one (+HHMM) */
  timestampOffset: z.string().regex(/^[+-]\d{4}$/, 'must be an offset like -0500').default('+0000'),
  /** place of service of a performed exam when the message names none (default: the facility's) */
  placeOfService: z.string().regex(/^\d{2}$/).optional(),
});
export type Hl7Profile = z.infer<typeof Hl7ProfileSchema>;

/** The profile used when no file names the sender and no default file is given. */
export const BUILT_IN_DEFAULT_PROFILE: Hl7Profile = Hl7ProfileSchema.parse({
  version: 1,
  name: 'default',
  sendingApplication: '*',
  facility: { id: 'main', billingArrangement: 'global', placeOfService: '11' },
});

export class Hl7ProfileError extends Error {
  override readonly name = 'Hl7ProfileError';
}

export interface Hl7Profiles {
  /** the profile of a sender: its own (application and facility, then application alone), else the default */
  forSender(application: string, facility: string): Hl7Profile;
  all: readonly Hl7Profile[];
}

export function profilesOf(list: Hl7Profile[]): Hl7Profiles {
  const seen = new Set<string>();
  for (const p of list) {
    const key = `${p.sendingApplication}|${p.sendingFacility ?? ''}`;
    if (seen.has(key)) throw new Hl7ProfileError(`two HL7 profiles for sender ${key}`);
    seen.add(key);
  }
  const fallback = list.find((p) => p.sendingApplication === '*' && !p.sendingFacility) ?? BUILT_IN_DEFAULT_PROFILE;
  return {
    all: list.length ? list : [BUILT_IN_DEFAULT_PROFILE],
    forSender(application, facility) {
      return (
        list.find((p) => p.sendingApplication === application && p.sendingFacility === facility) ??
        list.find((p) => p.sendingApplication === application && !p.sendingFacility) ??
        fallback
      );
    },
  };
}

/** Reads and validates every `*.json` profile of the directory; one bad file stops the start with a clear line. */
export function loadProfiles(dir: string): Hl7Profiles {
  if (!fs.existsSync(dir)) return profilesOf([]);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const list = files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      throw new Hl7ProfileError(`HL7 profile ${file}: not JSON (${(err as Error).message})`);
    }
    const parsed = Hl7ProfileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Hl7ProfileError(`HL7 profile ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  });
  return profilesOf(list);
}
