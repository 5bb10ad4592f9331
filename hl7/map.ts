import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { z } from 'zod';
import { type ExamIntake, ExamIntakeSchema, Modality } from '../workflows/exam/intake';
import { type OrderChange, OrderChangeSchema, type PerformedEvent, PerformedEventSchema, type RegistrationChange, RegistrationChangeSchema, type ReportEvent, ReportEventSchema } from '../workflows/exam/messages';
import { type Header, hl7Date, hl7DateTime, repetitions, value } from './fields';
import type { Hl7Profile } from './profile';

/**
 * HL7 v2 -> the engine's events, through the same schemas as the JSON API: an order (ORM^O01 / OMI^O23 ORC-1 NW)
 * is an intake, CA/DC a cancel, an ORM/OMI whose order or result status says the exam is complete a performed
 * event, an ORU^R01 final (or corrected) result a report; a preliminary result is stored but changes nothing.
 */
export type Mapped =
  | { kind: 'intake'; accession: string; intake: ExamIntake }
  | { kind: 'cancel'; accession: string; reason: string }
  /** ORC-1 XO before the exam is performed: the procedures (OBR-4) and the ordering provider (ORC-12) now */
  | { kind: 'order-change'; accession: string; change: Omit<OrderChange, 'eventId'> }
  | { kind: 'performed'; accession: string; event: PerformedEvent }
  | { kind: 'report'; accession: string; event: ReportEvent }
  | { kind: 'preliminary-report'; accession: string; event: ReportEvent }
  /** ADT^A04/A08: the patient's registration now (demographics, and coverages when IN1 is sent), for the patient's open exams */
  | { kind: 'registration'; accession?: undefined; mrn: string; change: Omit<RegistrationChange, 'eventId'> }
  /** a message the engine takes but that asks nothing of it (an order status update that is not completion) */
  | { kind: 'no-action'; accession: string; why: string };

/** HL7 table 0357 codes this engine answers with. */
export const HL7_ERROR = {
  requiredFieldMissing: '101',
  dataTypeError: '102',
  tableValueNotFound: '103',
  unsupportedMessageType: '200',
  unsupportedEventCode: '201',
  unsupportedVersion: '203',
  unknownKey: '204',
  internalError: '207',
} as const;
const ERROR_TEXT: Record<string, string> = {
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '207': 'Application internal error',
};
export const errorText = (code: string): string => ERROR_TEXT[code] ?? 'Application error';

/**
 * A message that cannot be mapped: the field (HL7 location, e.g. PID-7 or IN1[2]-36) and a message that names
 * what is wrong with it, never its value (no PHI in ACKs, logs or the message list).
 */
export class Hl7MappingError extends Error {
  override readonly name = 'Hl7MappingError';
  constructor(readonly field: string, readonly code: string, message: string) {
    super(message);
  }
}

/** A message this engine does not take (AR). */
export class Hl7Rejected extends Error {
  override readonly name = 'Hl7Rejected';
  constructor(readonly code: string, message: string, readonly field = 'MSH-9') {
    super(message);
  }
}

const ORDER_TYPES = new Set(['ORM^O01', 'OMI^O23']);
const RESULT_TYPES = new Set(['ORU^R01']);
const CHARGE_TYPES = new Set(['DFT^P03']);
const REGISTRATION_TYPES = new Set(['ADT^A04', 'ADT^A08']);
/** The message types this engine takes. */
export const ACCEPTED_TYPES = [...ORDER_TYPES, ...RESULT_TYPES, ...CHARGE_TYPES, ...REGISTRATION_TYPES];

export function assertAccepted(h: Header): void {
  if (ORDER_TYPES.has(h.type) || RESULT_TYPES.has(h.type) || CHARGE_TYPES.has(h.type) || REGISTRATION_TYPES.has(h.type)) return;
  const known = ['ORM', 'OMI', 'ORU', 'DFT', 'ADT'].includes(h.code);
  throw new Hl7Rejected(known ? HL7_ERROR.unsupportedEventCode : HL7_ERROR.unsupportedMessageType, `${h.type || 'a message without MSH-9'} is not a message this engine takes (it takes ${ACCEPTED_TYPES.join(', ')})`);
}

const seg = (msg: Hl7Message, name: string, i = 0): Hl7Segment | undefined => msg.getAllSegments(name)[i];
const missing = (field: string, what: string) => new Hl7MappingError(field, HL7_ERROR.requiredFieldMissing, `${field} (${what}) is required`);

/** The accession number as the profile says: the placer's or the filler's order number (ORC first, then OBR). */
export function accessionOf(msg: Hl7Message, profile: Hl7Profile): string {
  const n = profile.accession === 'placer' ? 2 : 3;
  const orc = seg(msg, 'ORC');
  const obr = seg(msg, 'OBR');
  // a charge (DFT) may name its order only in FT1-23 (filler order number)
  const v = value(orc, n) || value(obr, n) || (n === 3 ? value(seg(msg, 'FT1'), 23) : '');
  if (!v) throw missing(`ORC-${n}`, `${profile.accession} order number, the accession number`);
  if (!/^[A-Za-z0-9-]{1,50}$/.test(v)) throw new Hl7MappingError(`ORC-${n}`, HL7_ERROR.dataTypeError, `ORC-${n} (the accession number) must be 1-50 letters, digits or dashes`);
  return v;
}

export function mapMessage(msg: Hl7Message, h: Header, profile: Hl7Profile): Mapped {
  assertAccepted(h);
  if (CHARGE_TYPES.has(h.type)) return mapCharges(msg, profile);
  if (REGISTRATION_TYPES.has(h.type)) return mapRegistration(msg, profile);
  if (!seg(msg, 'OBR')) throw missing('OBR', 'the observation request segment');
  const accession = accessionOf(msg, profile);
  if (RESULT_TYPES.has(h.type)) return mapResult(msg, h, profile, accession);
  const orc = seg(msg, 'ORC');
  if (!orc) throw missing('ORC', 'the common order segment');
  const control = value(orc, 1).toUpperCase();
  switch (control) {
    case 'NW':
      return { kind: 'intake', accession, intake: mapIntake(msg, profile, accession) };
    case 'CA':
    case 'DC':
    case 'OC':
    case 'OD': {
      const why = value(orc, 16, 2) || value(orc, 16, 1);
      const reason = why ? `cancelled by the RIS: ${why}`.slice(0, 500) : `cancelled by the RIS (ORC-1 ${control})`;
      return { kind: 'cancel', accession, reason };
    }
    case 'SC':
    case 'SN':
    case 'XO':
    case 'OK': {
      const orderStatus = value(orc, 5).toUpperCase();
      const resultStatus = value(seg(msg, 'OBR'), 25).toUpperCase();
      if (profile.examComplete.orderStatus.includes(orderStatus) || profile.examComplete.resultStatus.includes(resultStatus)) {
        return { kind: 'performed', accession, event: mapPerformed(msg, h, profile) };
      }
      // An order change: applied by the exam before it is performed (after it, the exam refuses it: an interface error).
      if (control === 'XO') return { kind: 'order-change', accession, change: mapOrderChange(msg, profile) };
      return { kind: 'no-action', accession, why: `ORC-1 ${control} with order status ${orderStatus || '(none)'}` };
    }
    case '':
      throw missing('ORC-1', 'order control');
    default:
      throw new Hl7MappingError('ORC-1', HL7_ERROR.tableValueNotFound, `ORC-1 order control ${control} is not one this engine takes (NW, CA, DC, SC, XO)`);
  }
}

/** Issues of a zod parse, first one, as a mapping error on the HL7 field that carried the value. */
function firstIssue(issues: z.core.$ZodIssue[], fieldOf: (path: (string | number)[]) => string): Hl7MappingError {
  const issue = issues[0]!;
  const p = issue.path.map((x) => (typeof x === 'symbol' ? String(x) : x)) as (string | number)[];
  const field = fieldOf(p);
  const code = issue.code === 'invalid_type' && issue.input === undefined ? HL7_ERROR.requiredFieldMissing : HL7_ERROR.dataTypeError;
  return new Hl7MappingError(field, code, `${field} ${issue.message}`);
}

const INTAKE_FIELDS: Record<string, string> = {
  accessionNumber: 'ORC-3',
  'patient.mrn': 'PID-3',
  'patient.lastName': 'PID-5.1',
  'patient.firstName': 'PID-5.2',
  'patient.birthDate': 'PID-7',
  'patient.sex': 'PID-8',
  'patient.address.line1': 'PID-11.1',
  'patient.address.line2': 'PID-11.2',
  'patient.address.city': 'PID-11.3',
  'patient.address.state': 'PID-11.4',
  'patient.address.postalCode': 'PID-11.5',
  'patient.address': 'PID-11',
  'patient.phone': 'PID-13',
  'order.orderingProviderNpi': 'ORC-12',
  'order.modality': 'OBR-24',
  'order.procedures': 'OBR-4',
  'order.diagnoses': 'DG1-3',
  'order.priority': 'ORC-7.6',
  'order.scheduledAt': 'ORC-7.4',
  coverages: 'IN1',
};
const COVERAGE_FIELDS: Record<string, string> = {
  payerId: '3',
  memberId: '36',
  groupNumber: '8',
  relationship: '17',
  order: '1',
  'subscriber.lastName': '16.1',
  'subscriber.firstName': '16.2',
  'subscriber.birthDate': '18',
  'subscriber.sex': '43',
  subscriber: '16',
};

function intakeFieldOf(path: (string | number)[]): string {
  if (path[0] === 'coverages' && typeof path[1] === 'number') {
    const rest = path.slice(2).join('.');
    const f = COVERAGE_FIELDS[rest] ?? (rest.startsWith('subscriber.address') ? '19' : '');
    return `IN1${path[1] > 0 ? `[${path[1] + 1}]` : ''}${f ? `-${f}` : ''}`;
  }
  if (path[0] === 'order' && path[1] === 'procedures' && typeof path[2] === 'number') return `OBR${path[2] > 0 ? `[${path[2] + 1}]` : ''}-4`;
  if (path[0] === 'order' && path[1] === 'diagnoses' && typeof path[2] === 'number') return `DG1${path[2] > 0 ? `[${path[2] + 1}]` : ''}-3`;
  for (let n = path.length; n > 0; n--) {
    const f = INTAKE_FIELDS[path.slice(0, n).join('.')];
    if (f) return f;
  }
  return path[0] === 'facility' ? 'MSH-3 (profile facility)' : String(path.join('.'));
}

function sexOf(v: string): 'F' | 'M' | 'U' | string {
  const s = v.toUpperCase();
  if (s === 'F' || s === 'M') return s;
  return s === '' || ['U', 'O', 'A', 'N'].includes(s) ? 'U' : s;
}

function relationshipOf(v: string): string {
  const r = v.toUpperCase();
  if (r === '' || r === 'SEL' || r === '18') return 'self';
  if (r === 'SPO' || r === '01') return 'spouse';
  if (r === 'CHD' || r === '19') return 'child';
  return 'other';
}

function icd10(code: string): string {
  const c = code.toUpperCase();
  return /^[A-Z]\d[0-9A-Z][0-9A-Z]{1,4}$/.test(c) ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** DG1-3 (or OBR-31 reasons for study) in a code system the profile names as ICD-10-CM, in order, once each. */
function diagnosesOf(msg: Hl7Message, profile: Hl7Profile): string[] {
  const out: string[] = [];
  msg.getAllSegments('DG1').forEach((dg1, i) => {
    const code = value(dg1, 3, 1);
    const system = value(dg1, 3, 3).toUpperCase();
    if (!code) throw missing(`DG1${i > 0 ? `[${i + 1}]` : ''}-3`, 'diagnosis code');
    if (!profile.diagnosisCodeSystems.map((s) => s.toUpperCase()).includes(system)) {
      throw new Hl7MappingError(`DG1${i > 0 ? `[${i + 1}]` : ''}-3.3`, HL7_ERROR.tableValueNotFound, `DG1-3.3 coding system ${system} is not ICD-10-CM in this profile`);
    }
    out.push(icd10(code));
  });
  const obr = seg(msg, 'OBR');
  for (let r = 0; r < repetitions(obr, 31); r++) {
    const code = value(obr, 31, 1, 1, r);
    const system = value(obr, 31, 3, 1, r).toUpperCase();
    if (code && system && profile.diagnosisCodeSystems.map((s) => s.toUpperCase()).includes(system)) out.push(icd10(code));
  }
  return [...new Set(out)];
}

/** The CPT/HCPCS code of an OBR-4: as sent under a CPT system, or the RIS's own code through the profile. */
function procedureOf(obr: Hl7Segment, i: number, profile: Hl7Profile): string {
  const field = `OBR${i > 0 ? `[${i + 1}]` : ''}-4`;
  const code = value(obr, 4, 1);
  const system = value(obr, 4, 3).toUpperCase();
  if (!code) throw missing(field, 'universal service identifier, the ordered procedure');
  const local = profile.procedureCodes[code];
  if (local) return local;
  if (profile.procedureCodeSystems.map((s) => s.toUpperCase()).includes(system)) return code.toUpperCase();
  // the alternate coding (components 4-6) may carry the CPT code
  const alt = value(obr, 4, 4);
  const altSystem = value(obr, 4, 6).toUpperCase();
  if (alt && profile.procedureCodeSystems.map((s) => s.toUpperCase()).includes(altSystem)) return alt.toUpperCase();
  throw new Hl7MappingError(field, HL7_ERROR.tableValueNotFound, `${field} procedure code under system ${system || '(none)'} is neither CPT/HCPCS nor a code of this profile`);
}

function modalityOf(msg: Hl7Message, profile: Hl7Profile): string {
  const obr = seg(msg, 'OBR');
  const v = value(obr, 24).toUpperCase();
  if (!v) throw missing('OBR-24', 'diagnostic service section, the modality');
  const mapped = profile.modalities[v];
  if (mapped) return mapped;
  if (Modality.safeParse(v).success) return v;
  throw new Hl7MappingError('OBR-24', HL7_ERROR.tableValueNotFound, `OBR-24 ${v} is not a modality of this profile`);
}

/** ORC-7 / OBR-27 quantity-timing: start (component 4) and priority (component 6); OBR-36 as the scheduled time otherwise. */
function timingOf(msg: Hl7Message, profile: Hl7Profile): { scheduledAt: string; priority: string } {
  const orc = seg(msg, 'ORC');
  const obr = seg(msg, 'OBR');
  const start = value(orc, 7, 4) || value(obr, 27, 4) || value(obr, 36);
  if (!start) throw missing('ORC-7.4', 'the scheduled start (or OBR-27.4 / OBR-36)');
  const p = (value(orc, 7, 6) || value(obr, 27, 6) || value(obr, 5)).toUpperCase();
  const priority = p === 'S' ? 'stat' : p === 'A' || p === 'P' ? 'urgent' : 'routine';
  return { scheduledAt: hl7DateTime(start, profile.timestampOffset), priority };
}

/** The patient identifier (MRN) of a message's PID as the profile reads it; '' when there is none. */
export function patientIdentifierOf(msg: Hl7Message, profile: Hl7Profile): string {
  const pid = seg(msg, 'PID');
  return pid ? mrnOf(pid, profile) : '';
}

/** PID-3: the repetition of the profile's identifier type (component 5, MR by default), else the first. */
function mrnOf(pid: Hl7Segment, profile: Hl7Profile): string {
  let mrn = '';
  for (let r = 0; r < repetitions(pid, 3); r++) {
    if (value(pid, 3, 5, 1, r).toUpperCase() === profile.patientIdentifierType.toUpperCase()) mrn = value(pid, 3, 1, 1, r);
  }
  return mrn || value(pid, 3, 1);
}

/** PID-5, -7, -8, -11, -13: the patient's name, birth date, sex, address and phone. */
function demographicsOf(pid: Hl7Segment) {
  const address = value(pid, 11, 1)
    ? {
        line1: value(pid, 11, 1),
        ...(value(pid, 11, 2) ? { line2: value(pid, 11, 2) } : {}),
        city: value(pid, 11, 3),
        state: value(pid, 11, 4).toUpperCase(),
        postalCode: value(pid, 11, 5).replace(/-/g, ''),
      }
    : undefined;
  const phone = value(pid, 13, 1).replace(/\D/g, '');
  return {
    firstName: value(pid, 5, 2),
    lastName: value(pid, 5, 1),
    birthDate: hl7Date(value(pid, 7)),
    sex: sexOf(value(pid, 8)),
    ...(address ? { address } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** IN1 (and IN2-1 for the member id when IN1-36 is empty): the coverages in the order they pay. */
function coveragesOf(msg: Hl7Message, profile: Hl7Profile) {
  return msg.getAllSegments('IN1').map((in1, i) => {
    const plan = value(in1, 3, 1) || value(in1, 2, 1);
    const payerId = profile.payers[plan] ?? profile.payers[value(in1, 2, 1)] ?? plan.toLowerCase();
    const relationship = relationshipOf(value(in1, 17, 1));
    const order = (['primary', 'secondary', 'tertiary'] as const)[Number(value(in1, 1) || i + 1) - 1] ?? 'tertiary';
    const subscriberAddress = value(in1, 19, 1)
      ? { line1: value(in1, 19, 1), city: value(in1, 19, 3), state: value(in1, 19, 4).toUpperCase(), postalCode: value(in1, 19, 5).replace(/-/g, '') }
      : undefined;
    return {
      payerId,
      memberId: value(in1, 36) || value(seg(msg, 'IN2', i), 1),
      ...(value(in1, 8) ? { groupNumber: value(in1, 8) } : {}),
      relationship,
      order,
      ...(relationship !== 'self'
        ? {
            subscriber: {
              lastName: value(in1, 16, 1),
              firstName: value(in1, 16, 2),
              birthDate: hl7Date(value(in1, 18)),
              sex: sexOf(value(in1, 43)),
              ...(subscriberAddress ? { address: subscriberAddress } : {}),
            },
          }
        : {}),
    };
  });
}

function mapIntake(msg: Hl7Message, profile: Hl7Profile, accession: string): ExamIntake {
  const pid = seg(msg, 'PID');
  if (!pid) throw missing('PID', 'the patient identification segment');
  const orc = seg(msg, 'ORC');
  const obrs = msg.getAllSegments('OBR');
  const mrn = mrnOf(pid, profile);
  const coverages = coveragesOf(msg, profile);
  if (coverages.length === 0) throw missing('IN1', 'insurance, at least the primary coverage');
  const npi = value(orc, 12, 1) || value(obrs[0], 16, 1);
  if (!npi) throw missing('ORC-12', 'ordering provider NPI (or OBR-16)');
  const diagnoses = diagnosesOf(msg, profile);
  if (diagnoses.length === 0) throw missing('DG1-3', 'diagnosis, at least one (or OBR-31 coded)');
  const timing = timingOf(msg, profile);
  const reason = value(obrs[0], 13) || value(obrs[0], 31, 2);
  const candidate = {
    accessionNumber: accession,
    facility: profile.facility,
    patient: { mrn, ...demographicsOf(pid) },
    coverages,
    order: {
      orderingProviderNpi: npi,
      modality: modalityOf(msg, profile),
      procedures: obrs.map((obr, i) => ({ cpt: procedureOf(obr, i, profile), units: 1 })),
      diagnoses,
      priority: timing.priority,
      scheduledAt: timing.scheduledAt,
      ...(reason ? { reason: reason.slice(0, 500) } : {}),
    },
  };
  const parsed = ExamIntakeSchema.safeParse(candidate);
  if (!parsed.success) throw firstIssue(parsed.error.issues, intakeFieldOf);
  return parsed.data;
}

/** ORC-1 XO: the procedures of the OBR segments (OBR-4 through the profile) and the ordering provider (ORC-12, else OBR-16). */
function mapOrderChange(msg: Hl7Message, profile: Hl7Profile): Omit<OrderChange, 'eventId'> {
  const obrs = msg.getAllSegments('OBR');
  const npi = value(seg(msg, 'ORC'), 12, 1) || value(obrs[0], 16, 1);
  if (!npi) throw missing('ORC-12', 'ordering provider NPI (or OBR-16)');
  const parsed = OrderChangeSchema.safeParse({ eventId: 'xo', procedures: obrs.map((obr, i) => ({ cpt: procedureOf(obr, i, profile), units: 1 })), orderingProviderNpi: npi });
  if (!parsed.success) throw firstIssue(parsed.error.issues, (p) => (p[0] === 'orderingProviderNpi' ? 'ORC-12' : p[0] === 'procedures' && typeof p[1] === 'number' ? `OBR${p[1] > 0 ? `[${p[1] + 1}]` : ''}-4` : String(p.join('.'))));
  const { eventId: _, ...change } = parsed.data;
  void _;
  return change;
}

type Contrast = 'none' | 'with' | 'without-then-with';

/** The contrast of procedure `i` where the profile says the RIS writes it; undefined when it is not said. */
function contrastOf(msg: Hl7Message, profile: Hl7Profile, i: number): Contrast | undefined {
  const c = profile.contrast;
  if (!c) return undefined;
  let v = '';
  let where = '';
  if (c.observation) {
    const obx = msg.getAllSegments('OBX').find((s) => value(s, 3, 1).toUpperCase() === c.observation!.toUpperCase());
    v = value(obx, 5, 1);
    where = 'OBX-5';
  } else if (c.field) {
    const [, name, n, comp] = /^([A-Z][A-Z0-9]{2})-(\d+)(?:\.(\d+))?$/.exec(c.field)!;
    const s = name === 'OBR' ? msg.getAllSegments('OBR')[i] : seg(msg, name!);
    v = value(s, Number(n), Number(comp ?? 1));
    where = c.field;
  }
  const u = v.toUpperCase();
  if (!u) return undefined;
  const is = (list: string[]) => list.map((x) => x.toUpperCase()).includes(u);
  if (is(c.withoutThenWith)) return 'without-then-with';
  if (is(c.with)) return 'with';
  if (is(c.without)) return 'none';
  throw new Hl7MappingError(where, HL7_ERROR.tableValueNotFound, `${where} contrast value is not one of this profile (with, without-then-with, without)`);
}

/**
 * The technologist who performed the exam, where the profile says (OBR-34 by default): the identifier and the name
 * parts, from an NDL (ID&family&given in component 1) or an XCN (ID^family^given). Undefined when the message
 * names none; a name without an identifier is an error on the field.
 */
function technologistOf(msg: Hl7Message, profile: Hl7Profile): { id: string; familyName?: string; givenName?: string } | undefined {
  const spec = profile.technologist;
  if (!spec) return undefined;
  const [, name, n] = /^([A-Z][A-Z0-9]{2})-(\d+)$/.exec(spec.field)!;
  const s = seg(msg, name!);
  const field = Number(n);
  const ndl = spec.format ? spec.format === 'ndl' : value(s, field, 1, 2) !== '' || value(s, field, 1, 3) !== '';
  const id = value(s, field, 1, 1);
  const familyName = ndl ? value(s, field, 1, 2) : value(s, field, 2);
  const givenName = ndl ? value(s, field, 1, 3) : value(s, field, 3);
  if (!id && !familyName && !givenName) return undefined;
  if (!id) throw missing(`${spec.field}.1`, 'the technologist identifier, when a technologist is named');
  return { id, ...(familyName ? { familyName } : {}), ...(givenName ? { givenName } : {}) };
}

/** Where a performed event's field came from, for the errors of its schema: the technologist's field. */
function technologistField(profile: Hl7Profile, p: (string | number)[]): string | undefined {
  if (p[0] !== 'technologist' || !profile.technologist) return undefined;
  return p[1] === 'id' ? `${profile.technologist.field}.1` : profile.technologist.field;
}

function mapPerformed(msg: Hl7Message, h: Header, profile: Hl7Profile): PerformedEvent {
  const obrs = msg.getAllSegments('OBR');
  const msh = msg.getSegment('MSH');
  const at = value(obrs[0], 7) || value(obrs[0], 22) || value(msh, 7);
  const contrasts = obrs.map((_, i) => contrastOf(msg, profile, i));
  const technologist = technologistOf(msg, profile);
  const candidate = {
    performedAt: hl7DateTime(at, profile.timestampOffset),
    placeOfService: profile.placeOfService ?? profile.facility.placeOfService,
    contrast: contrasts.some((c) => c === 'with' || c === 'without-then-with'),
    procedures: obrs.map((obr, i) => {
      const started = value(obr, 7);
      const ended = value(obr, 8);
      const contrast = contrasts[i];
      return {
        cpt: procedureOf(obr, i, profile),
        units: 1,
        ...(contrast ? { contrast } : {}),
        ...(started ? { startedAt: hl7DateTime(started, profile.timestampOffset) } : {}),
        ...(ended ? { endedAt: hl7DateTime(ended, profile.timestampOffset) } : {}),
      };
    }),
    ...(technologist ? { technologist } : {}),
  };
  void h;
  const parsed = PerformedEventSchema.safeParse(candidate);
  if (!parsed.success) {
    throw firstIssue(parsed.error.issues, (p) => technologistField(profile, p) ?? (p[0] === 'performedAt' ? 'OBR-7' : p[0] === 'procedures' && typeof p[1] === 'number' ? `OBR${p[1] > 0 ? `[${p[1] + 1}]` : ''}-${p[2] === 'startedAt' ? 7 : p[2] === 'endedAt' ? 8 : 4}` : String(p.join('.'))));
  }
  return parsed.data;
}

function mapResult(msg: Hl7Message, h: Header, profile: Hl7Profile, accession: string): Mapped {
  const obr = seg(msg, 'OBR');
  const status = value(obr, 25).toUpperCase();
  if (!status) throw missing('OBR-25', 'result status');
  const kind = profile.results.final.includes(status) ? 'final' : profile.results.corrected.includes(status) ? 'addendum' : profile.results.preliminary.includes(status) ? 'preliminary' : undefined;
  if (!kind) throw new Hl7MappingError('OBR-25', HL7_ERROR.tableValueNotFound, `OBR-25 result status ${status} is not one of this profile`);
  // OBR-32 principal result interpreter: NDL whose first component is a CNN (ID&family&given)
  const npi = value(obr, 32, 1, 1) || value(obr, 32, 1);
  if (!npi) throw missing('OBR-32', 'principal result interpreter NPI');
  const signed = value(obr, 22) || value(obr, 7) || value(msg.getSegment('MSH'), 7);
  const candidate = {
    status: kind,
    signedAt: hl7DateTime(signed, profile.timestampOffset),
    radiologistNpi: npi,
    diagnoses: diagnosesOf(msg, profile),
  };
  void h;
  const parsed = ReportEventSchema.safeParse(candidate);
  if (!parsed.success) {
    throw firstIssue(parsed.error.issues, (p) => ({ signedAt: 'OBR-22', radiologistNpi: 'OBR-32', diagnoses: 'DG1-3', status: 'OBR-25' } as Record<string, string>)[String(p[0])] ?? String(p.join('.')));
  }
  return kind === 'preliminary' ? { kind: 'preliminary-report', accession, event: parsed.data } : { kind: 'report', accession, event: parsed.data };
}

const REGISTRATION_FIELDS: Record<string, string> = {
  'patient.firstName': 'PID-5.2',
  'patient.lastName': 'PID-5.1',
  'patient.birthDate': 'PID-7',
  'patient.sex': 'PID-8',
  'patient.address.line1': 'PID-11.1',
  'patient.address.line2': 'PID-11.2',
  'patient.address.city': 'PID-11.3',
  'patient.address.state': 'PID-11.4',
  'patient.address.postalCode': 'PID-11.5',
  'patient.address': 'PID-11',
  'patient.phone': 'PID-13',
  patient: 'PID',
};

/**
 * ADT^A04 (registration) / A08 (update): the patient's demographics as the source has them now and, when the message
 * carries IN1 segments, the whole list of coverages (which replaces the exam's). The MRN (the profile's PID-3 identifier)
 * finds the patient's open exams; an ADT without IN1 leaves the coverages as they are.
 */
function mapRegistration(msg: Hl7Message, profile: Hl7Profile): Mapped {
  const pid = seg(msg, 'PID');
  if (!pid) throw missing('PID', 'the patient identification segment');
  const mrn = mrnOf(pid, profile);
  if (!mrn) throw missing('PID-3', 'patient identifier, the MRN');
  const coverages = coveragesOf(msg, profile);
  const candidate = { eventId: 'adt', patient: demographicsOf(pid), ...(coverages.length ? { coverages } : {}) };
  const parsed = RegistrationChangeSchema.safeParse(candidate);
  if (!parsed.success) {
    throw firstIssue(parsed.error.issues, (p) => {
      if (p[0] === 'coverages') return intakeFieldOf(p);
      for (let n = p.length; n > 0; n--) {
        const f = REGISTRATION_FIELDS[p.slice(0, n).join('.')];
        if (f) return f;
      }
      return String(p.join('.'));
    });
  }
  const { eventId: _, ...change } = parsed.data;
  void _;
  return { kind: 'registration', mrn, change };
}

/**
 * A charge's diagnosis codes (FT1-19 unless the profile says otherwise; CE, repeating), in pointer order, once
 * each: an ICD-10-CM code under a coding system the profile names as ICD-10-CM. Another system is an error on
 * component 3; the code itself is checked by the performed event's schema (an error on the field).
 */
function chargeDiagnosesOf(ft1: Hl7Segment, i: number, profile: Hl7Profile): string[] {
  const spec = profile.chargeDiagnoses;
  if (!spec) return [];
  const n = Number(spec.field.slice(4));
  const where = `FT1${i > 0 ? `[${i + 1}]` : ''}-${n}`;
  const systems = profile.diagnosisCodeSystems.map((x) => x.toUpperCase());
  const out: string[] = [];
  for (let r = 0; r < repetitions(ft1, n); r++) {
    const code = value(ft1, n, 1, 1, r);
    if (!code) continue;
    const system = value(ft1, n, 3, 1, r).toUpperCase();
    if (!systems.includes(system)) throw new Hl7MappingError(`${where}.3`, HL7_ERROR.tableValueNotFound, `${where}.3 coding system ${system || '(none)'} is not ICD-10-CM in this profile`);
    const dx = icd10(code);
    if (!out.includes(dx)) out.push(dx);
  }
  return out;
}

/**
 * DFT^P03, for centers that send charges rather than statuses: the FT1 charges of one accession as its performed
 * event. Each FT1 is a procedure: FT1-25 (or FT1-7 through the profile) the CPT/HCPCS code, FT1-26 modifiers,
 * FT1-10 units, FT1-4 the date of service, FT1-19 the diagnoses the charge points to (the claim's when the signed
 * report has none), and the technologist where the profile says.
 */
function mapCharges(msg: Hl7Message, profile: Hl7Profile): Mapped {
  const ft1s = msg.getAllSegments('FT1');
  if (ft1s.length === 0) throw missing('FT1', 'financial transaction, at least one charge');
  const accession = accessionOf(msg, profile);
  const at = (i: number) => `FT1${i > 0 ? `[${i + 1}]` : ''}`;
  const procedures = ft1s.map((ft1, i) => {
    const type = value(ft1, 6).toUpperCase();
    if (type && type !== 'CG') throw new Hl7MappingError(`${at(i)}-6`, HL7_ERROR.tableValueNotFound, `${at(i)}-6 transaction type ${type} is not a charge (CG): credits and adjustments are not taken over HL7`);
    const code = value(ft1, 25) || value(ft1, 7);
    if (!code) throw missing(`${at(i)}-25`, 'procedure code (or FT1-7 transaction code)');
    const cpt = profile.procedureCodes[code] ?? code.toUpperCase();
    const units = Number(value(ft1, 10) || '1');
    const modifiers: string[] = [];
    for (let r = 0; r < repetitions(ft1, 26); r++) if (value(ft1, 26, 1, 1, r)) modifiers.push(value(ft1, 26, 1, 1, r).toUpperCase());
    const diagnoses = chargeDiagnosesOf(ft1, i, profile);
    return { cpt, units, modifiers, ...(diagnoses.length > 0 ? { diagnoses } : {}) };
  });
  const technologist = technologistOf(msg, profile);
  const first = value(ft1s[0], 4) || value(msg.getSegment('MSH'), 7);
  const candidate = {
    performedAt: hl7DateTime(first, profile.timestampOffset),
    placeOfService: profile.placeOfService ?? profile.facility.placeOfService,
    contrast: false,
    procedures,
    ...(technologist ? { technologist } : {}),
  };
  const parsed = PerformedEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const diagnosisField = profile.chargeDiagnoses?.field.slice(4) ?? '19';
    throw firstIssue(parsed.error.issues, (p) => {
      const tech = technologistField(profile, p);
      if (tech) return tech;
      if (p[0] !== 'procedures' || typeof p[1] !== 'number') return p[0] === 'performedAt' ? 'FT1-4' : String(p.join('.'));
      return `${at(p[1])}-${p[2] === 'units' ? 10 : p[2] === 'modifiers' ? 26 : p[2] === 'diagnoses' ? diagnosisField : 25}`;
    });
  }
  return { kind: 'performed', accession, event: parsed.data };
}
