import { z } from 'zod';
import { CptCodeSchema } from '../policy';
import { safeId, safeNote, safeText } from '../text';
import type { TaskType } from './task-type';

const note = safeNote(2000).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoDateTime = z.string().datetime({ offset: true });
const reason = safeNote(500).min(1, 'must not be empty');
const reference = safeText(100);
const cents = z.number().int().positive();
const icd10 = z.string().regex(/^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'expected an ICD-10-CM code');

const action = <A extends string, S extends z.ZodRawShape>(name: A, shape: S) =>
  z.object({ action: z.literal(name), note, ...shape }).strict();

export const CoverageUpdateSchema = z.object({
  payerId: safeId(64),
  memberId: safeText(80),
  groupNumber: safeText(50).optional(),
  relationship: z.enum(['self', 'spouse', 'child', 'other']),
});
export type CoverageUpdate = z.infer<typeof CoverageUpdateSchema>;

export const ApprovedAuthorizationShape = {
  authNumber: safeText(50),
  validFrom: isoDate,
  validTo: isoDate,
  cpts: z.array(CptCodeSchema).min(1),
  units: z.number().int().positive(),
};

export const CodedLineSchema = z.object({
  cpt: CptCodeSchema,
  units: z.number().int().positive(),
  modifiers: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).max(4),
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
});

const writeOffRequest = () => action('write-off-request', { reason });
const authValid = (a: { validFrom: string; validTo: string }) => a.validFrom <= a.validTo;

/**
 * Each task type's resolution schema, built on first use: the exam's workflow evaluates this module once per exam
 * and resolves only a few of its task types.
 */
const TASK_RESOLUTION_BUILDERS = {
  'registration-fix': () => z.discriminatedUnion('action', [action('corrected', {}), action('cancel', { reason })]),
  'eligibility-review': () => z.discriminatedUnion('action', [
    action('self-pay', {}),
    action('update-coverage', { coverage: CoverageUpdateSchema }),
    action('cancel', { reason }),
    action('recheck', {}),
    action('verified-manually', { reference }),
  ]),
  'prior-auth-obtain': () => z.discriminatedUnion('action', [
    action('approved', ApprovedAuthorizationShape).refine(authValid, { message: 'validFrom must not be after validTo', path: ['validTo'] }),
    action('denied', { reason }),
    action('not-required', { reference }),
  ]),
  'prior-auth-mismatch': () => z.discriminatedUnion('action', [
    action('auth-updated', ApprovedAuthorizationShape).refine(authValid, { message: 'validFrom must not be after validTo', path: ['validTo'] }),
    action('not-required', { reference }),
    writeOffRequest(),
  ]),
  'report-signature-overdue': () => z.discriminatedUnion('action', [action('followed-up', { expectedBy: isoDate.optional() }), action('cancel', { reason })]),
  'coding-review': () => z.discriminatedUnion('action', [
    action('accept', {}),
    action('correct', { lines: z.array(CodedLineSchema).min(1).max(50), diagnoses: z.array(icd10).min(1).max(12) }),
  ]),
  'claim-rejected': () => z.discriminatedUnion('action', [action('resubmit', { corrections: z.array(safeNote(200)).max(20).optional() }), writeOffRequest()]),
  'timely-filing-risk': () => z.discriminatedUnion('action', [action('acknowledge', { plan: reason }), writeOffRequest()]),
  'claim-follow-up': () => z.discriminatedUnion('action', [
    action('awaiting-payment', { reference: reference.optional() }),
    action('resubmit', {}),
    writeOffRequest(),
  ]),
  'ar-escalation': () => z.discriminatedUnion('action', [action('acknowledge', { plan: reason })]),
  'denial-work': () => z.discriminatedUnion('action', [
    /** `clericalError`: the denial came from a clerical error, corrected by the payer's reopening (Medicare) instead of an appeal */
    action('appeal', { letterReference: reference.optional(), clericalError: z.boolean().optional() }),
    action('corrected-claim', {}),
    writeOffRequest(),
  ]),
  'write-off-approval': () => z.discriminatedUnion('action', [action('approve', {}), action('reject', {})]),
  'patient-balance-review': () => z.discriminatedUnion('action', [
    action('continue-statements', {}),
    action('payment-plan', { monthlyCents: cents }),
    action('send-to-collections', {}),
    writeOffRequest(),
  ]),
  'remittance-unmatched': () => z.discriminatedUnion('action', [action('matched', { claimId: safeId(80) }), action('not-ours', { reference })]),
  'credit-balance-refund': () => z.discriminatedUnion('action', [
    action('refunded', { reference, amountCents: cents }),
    action('applied-to-other-balance', { reference, amountCents: cents }),
  ]),
  'underpayment-review': () => z.discriminatedUnion('action', [
    /** the shortfall is the contract: what the payer left open on the claim is written off as contractual, with the reason */
    action('accept', { reason }),
    /** dispute the payment with the payer (a payment appeal at the next level) */
    action('appeal', { letterReference: reference.optional() }),
    /** the payer was asked to reprocess the claim (phone, portal): its new 835 posts as it comes */
    action('reprocess-request', { reference }),
  ]),
  'no-show-review': () => z.discriminatedUnion('action', [
    /** the exam was done: the RIS's performed event is awaited (or sent by the front desk) */
    action('performed', {}),
    action('reschedule', { scheduledAt: isoDateTime }),
    action('cancel', { reason }),
  ]),
  'claim-build-error': () => z.discriminatedUnion('action', [
    /** the registration or payer data was corrected: build and send the claim again */
    action('retry', {}),
    writeOffRequest(),
  ]),
  'interface-error': () => z.discriminatedUnion('action', [action('retry', {}), action('cancel', { reason })]),
  'stalled-exam': () => z.discriminatedUnion('action', [action('acknowledge', { plan: reason })]),
  /** the biller corrected the claim with the payer (or found nothing to correct) and says how */
  'coverage-change-review': () => z.discriminatedUnion('action', [action('corrected', { reference }), action('no-correction-needed', { reason })]),
} satisfies Record<TaskType, () => z.ZodType<{ action: string; note?: string | undefined }>>;

type TaskResolutionSchemas = { [T in TaskType]: ReturnType<(typeof TASK_RESOLUTION_BUILDERS)[T]> };

const builtSchemas = new Map<TaskType, z.ZodTypeAny>();

/** The resolution schema of a task type (built once). */
export function taskResolutionSchema<T extends TaskType>(type: T): TaskResolutionSchemas[T] {
  let schema = builtSchemas.get(type);
  if (!schema) {
    schema = TASK_RESOLUTION_BUILDERS[type]();
    builtSchemas.set(type, schema);
  }
  return schema as TaskResolutionSchemas[T];
}

/** The resolution schema of a task type named by a string (a form built from it), or undefined when it names none. */
export function resolutionSchemaOf(type: string): z.ZodTypeAny | undefined {
  return Object.hasOwn(TASK_RESOLUTION_BUILDERS, type) ? taskResolutionSchema(type as TaskType) : undefined;
}

export type TaskResolution<T extends TaskType = TaskType> = z.infer<TaskResolutionSchemas[T]>;

export type ResolutionParse<T extends TaskType> =
  | { ok: true; resolution: TaskResolution<T> }
  | { ok: false; issues: { path: string; message: string }[] };

/** Validates a resolution for a task type; issues name fields, never their values. */
export function parseTaskResolution<T extends TaskType>(type: T, input: unknown): ResolutionParse<T> {
  const schema = taskResolutionSchema(type) as unknown as z.ZodType<TaskResolution<T>>;
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, resolution: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/** The actions each task type accepts, for forms and documentation. */
export function resolutionActions(type: TaskType): string[] {
  const union: { options: readonly { shape: { action: { value: string } } }[] } = taskResolutionSchema(type);
  return union.options.map((o) => o.shape.action.value);
}
