import { refuseUnassertedActor } from '../actor-check';
import { authenticatedSignal, refuseUnauthenticatedStart } from '../unauthenticated';
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { Effect, ExamEvent, LifecyclePatch, LifecycleRejection, PerformedProcedure } from '../../domain/lifecycle';
import { LIFECYCLE_PATCHES, isFinished } from '../../domain/lifecycle';
import { requiresPriorAuth } from '../../domain/prior-auth';
import { type PayerPolicy, findSeedPayerPolicy, seedPayerPolicy } from '../../domain/policy';
import { applyCodingCorrection, claimForComponent, codingEvent } from './coding-adapter';
import {
  type CancelRequest,
  CancelRequestSchema,
  type EventEnvelope,
  ExamFailureType,
  type ExamEventResult,
  type ExamWorkflowInput,
  PatientPaymentSchema,
  PerformedEventSchema,
  OrderChangeSchema,
  type Registration,
  RegistrationChangeSchema,
  ReportEventSchema,
  type ResolveTaskRequest,
  ResolveTaskRequestSchema,
  cancelExamUpdate,
  examContinuationQuery,
  examStatusQuery,
  patientPaymentUpdate,
  performedUpdate,
  policyChangedSignal,
  orderChangeUpdate,
  registrationChangeUpdate,
  reportUpdate,
  resolveTaskUpdate,
} from './messages';
import { acknowledgmentEvent, REMITTANCE_CLASSIFIED_BY_ACTIVITY_PATCH, REMITTANCE_PATCHES, remittanceContext, remittanceEvent } from './payer-event-adapter';
import { type ClaimRemittance, claimAcknowledgedSignal, remittanceReceivedSignal } from './payer-events';
import { type Actor, type AppliedTransition, ExamState } from './state';
import { examViewProjection, transitionRecord } from './transition-record';
import { ExamLedger, LEDGER_PATCH, REMITTANCE_WORK_PATCH } from './ledger-steps';
import { describeFailure, WORK_FAILURE_PATCH, workFailedEvent } from './work-failure';
import { ACTIVITY_OPTIONS, LOCAL_ACTIVITY_OPTIONS } from './activity-options';
import { proxyLocalActivitiesAsScheduled } from './local-activities';
import { correctionChangesNothing } from './claim-changes';
import { appealRequestOf } from './claim-submission';
import type { PaymentMethod } from '../../domain/patient-balance';

type Activities = ReturnType<typeof createActivities>;

const remoteRecords = proxyActivities<Activities>(ACTIVITY_OPTIONS.records);
const localRecords = proxyLocalActivitiesAsScheduled<Activities>(LOCAL_ACTIVITY_OPTIONS.records);
const payer = proxyActivities<Activities>(ACTIVITY_OPTIONS.payer);
const coding = proxyActivities<Activities>(ACTIVITY_OPTIONS.coding);
const postings = proxyActivities<Activities>(ACTIVITY_OPTIONS.ledger);


function refused(rejection: LifecycleRejection): ApplicationFailure {
  const type =
    rejection.code === 'invalid-event' || rejection.code === 'invalid-resolution'
      ? ExamFailureType.invalid
      : rejection.code === 'task-not-open'
        ? ExamFailureType.taskNotOpen
        : rejection.code === 'terminal'
          ? ExamFailureType.notOpen
          : ExamFailureType.conflict;
  return ApplicationFailure.create({ type, message: rejection.message, details: [rejection.details ?? []], nonRetryable: true });
}

function invalid(issues: { path: PropertyKey[]; message: string }[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: ExamFailureType.invalid,
    message: 'the event is invalid',
    details: [issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))],
    nonRetryable: true,
  });
}

/** The patch that asks a claim's own payer (a secondary claim's: the secondary payer) for its status and appeals. */
const CLAIM_PAYER_PATCH = 'exam-claim-own-payer';
/** The patch that gives back a cancelled, unperformed exam's authorization units. */
const RELEASE_AUTHORIZATION_PATCH = 'cancelled-exam-releases-authorization';
/** The patch that gives an edited secondary payer's policy to the exams that bill it as secondary. */
const SECONDARY_POLICY_SIGNAL_PATCH = 'exam-secondary-policy-signal';
/** The patch that makes updates answer once their event is applied, while its work drains in the main loop. */
const EARLY_UPDATE_ANSWER_PATCH = 'exam-update-answers-when-applied';
/** The patch that takes the self-pay rules of an exam whose payer is unknown from the payers table (not the seed). */
const POLICY_BY_ACTIVITY_PATCH = 'exam-policy-by-activity';
/** The patch that tells the lifecycle which components coding found billable (nothing billable: a coding review). */
const BILLABLE_COMPONENTS_PATCH = 'exam-coding-billable-components';
/** The patch that bills exactly the claims coding produced (each its own claim), not the arrangement's components. */
const CLAIMS_FROM_CODING_PATCH = 'exam-claims-from-coding';
/** Claims name the reading radiologist and the exam's arrangement: a set-up facility bills them under the entity it names. */
const CLAIM_IDENTITIES_PATCH = 'exam-claim-identities';
/** The patch that takes the source's registration changes (demographics, coverages); exams from before had no such update. */
const REGISTRATION_CHANGES_PATCH = 'exam-coverage-updates';
/** The patch that takes the source's order changes before the exam is performed; exams from before had no such update. */
const ORDER_CHANGES_PATCH = 'exam-order-changes';
/** The patch that leaves the exam's row to the intake that wrote it (one activity less per exam). */
const INTAKE_RECORDED_PATCH = 'exam-intake-row-by-intake';
/** The patch that runs the exam's records and ledger postings as local activities (exams from before schedule them on the server). */
const LOCAL_RECORDS_PATCH = 'exam-records-local-activities';
/** The patch that codes the charge's own diagnoses (FT1-19) when the signed report has none; exams from before had none to code. */
const PERFORMED_DETAILS_PATCH = 'performed-details';
/** The patch that records, with each transition, what the exam read shows (timers, claims, balances, report, cancellation). */
const EXAM_VIEW_PROJECTION_PATCH = 'exam-view-projection';
/**
 * The patch that records transitions as local activities, their timeline lines kept in PostgreSQL: no round trip
 * through the Temporal server per transition (exams from before record them on the server, read from history).
 */
const LOCAL_TRANSITIONS_PATCH = 'exam-transitions-local';
/**
 * The patch that passes over effects the transition's record carries whole without a round of awaits through the
 * effect's work: fewer promises per transition (exams from before await them, which orders nothing differently).
 */
const RECORDED_ONLY_EFFECTS_PATCH = 'exam-recorded-only-effects-inline';

/** Effects whose whole outcome is the transition's record (tasks, timers, reminders, late events): no work to perform. */
const RECORDED_ONLY = ['open-task', 'close-task', 'escalate-task', 'start-timer', 'cancel-timer', 'remind-radiologist', 'switch-to-self-pay', 'record-late-event'] as const satisfies readonly Effect['type'][];
type RecordedOnlyEffect = Extract<Effect, { type: (typeof RECORDED_ONLY)[number] }>;
const isRecordedOnly = (effect: Effect): effect is RecordedOnlyEffect => (RECORDED_ONLY as readonly string[]).includes(effect.type);

/** The patch that looks up an authorization on file before asking the payer; exams from before always asked. */
const AUTHORIZATIONS_ON_FILE_PATCH = 'authorizations-on-file';
/** The patch that keeps a closed exam running while work it opened is still open. */
const CLOSED_EXAM_WAITS_PATCH = 'closed-exam-waits-for-open-work';
/**
 * The patch that holds an event arriving before the exam's first transition (its payer's policy still being looked
 * up) until that transition is applied. Exams from before applied it to the exam as created: on the provisional
 * policy (an unseeded payer's exam stayed self-pay) and before its intake, so that it opened a `stalled-exam` task.
 * Asked only when such an event arrives: other exams record no marker.
 */
const EVENTS_AFTER_START_PATCH = 'exam-events-after-start';

/**
 * One marker for every patch of the exam workflow up to December 2026. An exam started since asks this one and
 * takes all of them without a marker each (every `patched` records a marker and a search-attribute upsert in the
 * exam's history: about a quarter of a new exam's events). Exams started before replay each patch as they
 * recorded it. A patch added after this one is asked on its own until a later bundle takes it in: this set never
 * changes (an exam started with the bundle would replay a patch it never took).
 */
const PATCHES_OF_2026_12 = 'exam-patches-2026-12';
export const BUNDLED_2026_12: ReadonlySet<string> = new Set([
  CLAIM_PAYER_PATCH,
  RELEASE_AUTHORIZATION_PATCH,
  SECONDARY_POLICY_SIGNAL_PATCH,
  EARLY_UPDATE_ANSWER_PATCH,
  POLICY_BY_ACTIVITY_PATCH,
  BILLABLE_COMPONENTS_PATCH,
  CLAIMS_FROM_CODING_PATCH,
  CLAIM_IDENTITIES_PATCH,
  REGISTRATION_CHANGES_PATCH,
  ORDER_CHANGES_PATCH,
  INTAKE_RECORDED_PATCH,
  LOCAL_RECORDS_PATCH,
  PERFORMED_DETAILS_PATCH,
  EXAM_VIEW_PROJECTION_PATCH,
  LOCAL_TRANSITIONS_PATCH,
  RECORDED_ONLY_EFFECTS_PATCH,
  AUTHORIZATIONS_ON_FILE_PATCH,
  CLOSED_EXAM_WAITS_PATCH,
  LEDGER_PATCH,
  REMITTANCE_WORK_PATCH,
  WORK_FAILURE_PATCH,
  REMITTANCE_CLASSIFIED_BY_ACTIVITY_PATCH,
  ...REMITTANCE_PATCHES,
  ...Object.values(LIFECYCLE_PATCHES),
]);

/**
 * A person waits on a staff update (a task resolved, a patient payment, a cancellation): it is answered in a workflow
 * task of its own, before the work its event caused. A task that runs local activities completes, and so answers its
 * updates, only once they have ended; the work (the transition's record first) therefore starts after a 1-ms timer,
 * in the next task. Exams from before answered with the task that recorded the transition.
 */
const STAFF_ANSWER_FIRST_PATCH = 'exam-staff-update-answered-first';

/**
 * The second bundle: everything in the first and the patches added since, under one marker. Exams started with the
 * first bundle have no marker of this one, so they replay with the first. This set never changes either.
 */
const PATCHES_OF_2026_12B = 'exam-patches-2026-12b';
export const BUNDLED_2026_12B: ReadonlySet<string> = new Set([...BUNDLED_2026_12, STAFF_ANSWER_FIRST_PATCH]);

/**
 * The exam's patch decisions: the newest bundle's marker asked first, then the one before (exams started with it),
 * then each patch outside the exam's bundle on its own. An exam records one bundle marker at most.
 */
function examPatchDecisions(): (patchId: string) => boolean {
  const bundle = patched(PATCHES_OF_2026_12B) ? BUNDLED_2026_12B : patched(PATCHES_OF_2026_12) ? BUNDLED_2026_12 : undefined;
  return (patchId) => bundle?.has(patchId) === true || patched(patchId);
}

const PAYER_835: Actor = { sub: 'payer:835', role: 'clearinghouse' };

/** The seed policy of the payer until the payers table answers (edited policies replace it). */
function provisionalPolicy(payerId: string) {
  return findSeedPayerPolicy(payerId) ?? seedPayerPolicy('self-pay');
}

/** One exam, from order intake to closed (DESIGN §2). Its type name is API (see names.ts). */
export async function examWorkflow(input: ExamWorkflowInput): Promise<{ phase: string }> {
  refuseUnauthenticatedStart(input);
  const examPatched = examPatchDecisions();
  const local = examPatched(LOCAL_RECORDS_PATCH);
  const passRecordedOnly = examPatched(RECORDED_ONLY_EFFECTS_PATCH);
  const records = local ? localRecords : remoteRecords;
  const primary = input.intake.coverages.find((c) => c.order === 'primary') ?? input.intake.coverages[0]!;
  let payerFound = true;
  /** transitions whose projection could not be written yet: written again, in order, before the next one */
  const unrecorded: AppliedTransition[] = [];
  /** the exam-read view as last recorded by this run (a record whose view is the same leaves it out) */
  let recordedView = '';
  /**
   * Patches are decided by the exam's own code only. Validators do not run on replay and queries leave nothing in
   * history, so a marker first asked for there would be missing, or out of place, when the exam replays (a
   * nondeterminism error). They read the decision made so far, or the one live code would make now.
   */
  const patchDecisions = new Map<string, boolean>();
  let readOnlyDepth = 0;
  const isPatched = (patchId: string): boolean => {
    if (readOnlyDepth > 0) return patchDecisions.get(patchId) ?? true;
    const decision = examPatched(patchId);
    // a marker missing during replay is no decision yet: the exam may reach live code that records it
    if (decision || !workflowInfo().unsafe.isReplaying) patchDecisions.set(patchId, decision);
    return decision;
  };
  /** A validator or query: what it asks of the exam's patches records nothing. */
  const readOnly =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      readOnlyDepth += 1;
      try {
        return fn(...args);
      } finally {
        readOnlyDepth -= 1;
      }
    };
  // Handlers are registered before the first await: queries and updates may arrive at once.
  const exam = new ExamState(input, input.carried?.lifecycle.policy ?? provisionalPolicy(primary.payerId), {
    isPatched: (patch: LifecyclePatch) => isPatched(patch),
  });
  const ledger = new ExamLedger(exam, input.examId, local, examPatched);
  const paymentMethods: Record<string, PaymentMethod> = {};
  const pending: AppliedTransition[] = [];
  /** 835 claim payments received, to be classified by an activity (CARC/RARC table) before the lifecycle reads them */
  const remittances: ClaimRemittance[] = [];
  let working = false;
  /** the exam's first transition is applied (a continued run carries it) */
  let started = input.carried !== undefined;
  const now = () => new Date().toISOString();
  const idle = () => !working && pending.length === 0 && remittances.length === 0;

  function submit(event: ExamEvent, actor: Actor | null): 'applied' | 'duplicate' {
    const result = exam.apply(event, now(), actor);
    if ('rejected' in result) {
      log.warn('exam event refused', { eventType: event.type, code: result.rejected.code });
      return 'duplicate';
    }
    if ('ignored' in result) return 'duplicate';
    pending.push(result);
    return 'applied';
  }

  /** Validator: what the event would do; refused events never reach history. */
  function check(event: ExamEvent): void {
    const t = exam.tryEvent(event, now());
    if (t.outcome === 'rejected') throw refused(t.rejection);
  }

  /**
   * An update answers with the exam as the event left it, as soon as it is applied: the work it caused drains
   * in the main loop (the run continues as new only once every handler has finished). Exams from before waited
   * until that work was done.
   */
  async function answered(): Promise<void> {
    if (examPatched(EARLY_UPDATE_ANSWER_PATCH)) return;
    await condition(idle);
  }

  /** set by a staff update that applied its event: the main loop lets a workflow task end (the answer) before the work */
  let answerFirst = false;
  /** A staff update's answer: the exam's, once its event is applied; the work follows in the next workflow task. */
  async function answeredToStaff(outcome: 'applied' | 'duplicate'): Promise<void> {
    if (outcome === 'applied' && examPatched(EARLY_UPDATE_ANSWER_PATCH) && examPatched(STAFF_ANSWER_FIRST_PATCH)) answerFirst = true;
    await answered();
  }

  /**
   * An event arriving before the exam's first transition waits for it (EVENTS_AFTER_START_PATCH). Asked without an
   * await when it does not wait: the event is then taken as before, in the order the handlers were called.
   */
  const waitsForStart = (): boolean => !started && examPatched(EVENTS_AFTER_START_PATCH);
  const startApplied = () => condition(() => started);

  async function settled(outcome: 'applied' | 'duplicate'): Promise<ExamEventResult> {
    await answered();
    return { outcome, exam: exam.view() };
  }

  const performedEvent = (e: EventEnvelope<unknown>): ExamEvent => {
    const p = PerformedEventSchema.parse(e.event);
    return { type: 'performed', eventId: p.eventId ?? `performed:${p.performedAt}`, performedAt: p.performedAt, placeOfService: p.placeOfService, contrast: p.contrast, procedures: p.procedures, ...(p.technologist ? { technologist: p.technologist } : {}) };
  };
  /**
   * The performed procedures coding reads. The charge's diagnoses (FT1-19) are coded from this release on; an
   * exam whose performed event carried none codes as before (no marker is written for it).
   */
  const performedForCoding = (procedures: PerformedProcedure[]): PerformedProcedure[] => {
    if (!procedures.some((p) => p.diagnoses !== undefined)) return procedures;
    if (examPatched(PERFORMED_DETAILS_PATCH)) return procedures;
    return procedures.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'diagnoses')) as PerformedProcedure);
  };
  const reportEvent = (e: EventEnvelope<unknown>): ExamEvent => {
    const r = ReportEventSchema.parse(e.event);
    return { type: 'report', eventId: r.eventId ?? `report:${r.status}:${r.signedAt}`, status: r.status, signedAt: r.signedAt, radiologistNpi: r.radiologistNpi, diagnoses: r.diagnoses };
  };
  /** The registration a change leaves the exam with: the demographics over the current ones, the coverages as sent (else as they were). */
  const currentRegistration = (): Registration => exam.registration ?? { patient: input.intake.patient, coverages: input.intake.coverages };
  const registrationAfter = (e: EventEnvelope<unknown>): Registration => {
    const r = RegistrationChangeSchema.parse(e.event);
    const current = currentRegistration();
    return { patient: { ...current.patient, ...r.patient, mrn: current.patient.mrn }, coverages: r.coverages ?? current.coverages };
  };
  const registrationEvent = (e: EventEnvelope<unknown>): ExamEvent => {
    const r = RegistrationChangeSchema.parse(e.event);
    const current = currentRegistration();
    const next = registrationAfter(e);
    const billed = exam.coverage ?? current.coverages.find((c) => c.order === 'primary') ?? current.coverages[0]!;
    const primary = next.coverages.find((c) => c.order === 'primary');
    const member = (v: string) => v.replace(/[\s-]/g, '').toUpperCase();
    const primaryChanged = primary !== undefined && (primary.payerId !== billed.payerId || member(primary.memberId) !== member(billed.memberId));
    const others = (cs: Registration['coverages']) => JSON.stringify(cs.filter((c) => c.order !== 'primary').map((c) => [c.order, c.payerId, member(c.memberId)]));
    const demographics = (p: Registration['patient']) => JSON.stringify([p.firstName, p.lastName, p.birthDate, p.sex, p.address]);
    return {
      type: 'registration-changed',
      eventId: `registration:${r.eventId}`,
      ...(primaryChanged ? { primary: { payerId: primary.payerId, memberId: primary.memberId, ...(primary.groupNumber ? { groupNumber: primary.groupNumber } : {}), relationship: primary.relationship } } : {}),
      secondaryChanged: others(next.coverages) !== others(current.coverages),
      demographicsChanged: demographics(next.patient) !== demographics(current.patient),
    };
  };
  const currentOrder = () => exam.order ?? input.intake.order;
  const orderAfter = (e: EventEnvelope<unknown>) => {
    const o = OrderChangeSchema.parse(e.event);
    return { ...currentOrder(), procedures: o.procedures, orderingProviderNpi: o.orderingProviderNpi };
  };
  const orderEvent = (e: EventEnvelope<unknown>): ExamEvent => {
    const o = OrderChangeSchema.parse(e.event);
    return { type: 'order-changed', eventId: `order:${o.eventId}`, procedures: o.procedures.map((p) => ({ cpt: p.cpt })) };
  };
  /** order changes received, written to the records by the `record-order` effect of their event */
  const receivedOrders = new Map<string, ReturnType<typeof orderAfter>>();
  /** registrations received, written to the records by the `record-registration` effect of their event */
  const receivedRegistrations = new Map<string, Registration>();
  const paymentEvent = (e: EventEnvelope<unknown>): ExamEvent => {
    const p = PatientPaymentSchema.parse(e.event);
    return { type: 'patient-payment', eventId: `payment:${p.reference}`, paymentId: p.reference, amountCents: p.amountCents };
  };
  const validated = (build: (e: EventEnvelope<unknown>) => ExamEvent) => readOnly((e: EventEnvelope<unknown>) => {
    let event: ExamEvent;
    try {
      event = build(e);
    } catch (err) {
      const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      throw issues ? invalid(issues) : err;
    }
    // A cancelled exam takes no more events, whether or not its run has ended yet (updates answer before it does).
    if (exam.phase === 'cancelled') throw ApplicationFailure.create({ type: ExamFailureType.notOpen, message: 'exam is cancelled', nonRetryable: true });
    check(event);
  });

  setHandler(examStatusQuery, readOnly(() => exam.view()));
  setHandler(examContinuationQuery, readOnly(() => ({ ...input, carried: exam.carry() })));
  /** A RIS event's update: the event applied (once the exam has started), answered with the exam. */
  const risEvent = (build: (e: EventEnvelope<unknown>) => ExamEvent) => async (e: EventEnvelope<unknown>) => {
    if (waitsForStart()) await startApplied();
    return settled(submit(build(e), { sub: e.sentBy, role: 'integration' }));
  };
  setHandler(performedUpdate, risEvent(performedEvent), { validator: validated(performedEvent) });
  setHandler(reportUpdate, risEvent(reportEvent), { validator: validated(reportEvent) });
  setHandler(
    orderChangeUpdate,
    async (e) => {
      // Exams from before never received this update (it did not exist); a history with it has the marker.
      if (!examPatched(ORDER_CHANGES_PATCH)) throw ApplicationFailure.create({ type: ExamFailureType.notOpen, message: 'this exam does not take order changes', nonRetryable: true });
      if (waitsForStart()) await startApplied();
      const event = orderEvent(e);
      receivedOrders.set(event.eventId, orderAfter(e));
      return settled(submit(event, { sub: e.sentBy, role: 'integration' }));
    },
    { validator: validated(orderEvent) },
  );
  setHandler(
    registrationChangeUpdate,
    async (e) => {
      // Exams from before never received this update (it did not exist); a history with it has the marker.
      if (!examPatched(REGISTRATION_CHANGES_PATCH)) throw ApplicationFailure.create({ type: ExamFailureType.notOpen, message: 'this exam does not take registration changes', nonRetryable: true });
      if (waitsForStart()) await startApplied();
      const event = registrationEvent(e);
      receivedRegistrations.set(event.eventId, registrationAfter(e));
      return settled(submit(event, { sub: e.sentBy, role: 'integration' }));
    },
    { validator: validated(registrationEvent) },
  );
  setHandler(
    patientPaymentUpdate,
    async (e) => {
      if (waitsForStart()) await startApplied();
      const p = PatientPaymentSchema.parse(e.event);
      paymentMethods[p.reference] = p.method;
      const outcome = submit(paymentEvent(e), { sub: e.sentBy, role: 'staff' });
      await answeredToStaff(outcome);
      return { outcome, exam: exam.view() };
    },
    {
      validator: readOnly((e: EventEnvelope<unknown>) => {
        // a staff member's payment: signed for by the API when actor assertions are configured
        refuseUnassertedActor(e, { update: patientPaymentUpdate.name, actor: e.sentBy, role: 'staff' });
        validated(paymentEvent)(e);
      }),
    },
  );
  setHandler(
    cancelExamUpdate,
    async (request) => {
      if (waitsForStart()) await startApplied();
      await answeredToStaff(submit({ type: 'cancel', eventId: `cancel:${request.requestedBy}:${now()}`, reason: request.reason }, { sub: request.requestedBy, role: 'staff' }));
      return exam.view();
    },
    {
      validator: readOnly((request: CancelRequest) => {
        CancelRequestSchema.parse(request);
        if (exam.isTerminal) throw ApplicationFailure.create({ type: ExamFailureType.notOpen, message: `exam is ${exam.phase}`, nonRetryable: true });
      }),
    },
  );
  setHandler(
    resolveTaskUpdate,
    async (request) => {
      // One resolution per task: the task id is the event id.
      await answeredToStaff(submit({ type: 'task-resolved', eventId: `resolve:${request.taskId}`, taskId: request.taskId, resolution: request.resolution }, { sub: request.resolvedBy, role: request.role }));
      return { task: exam.taskView(exam.task(request.taskId)!), exam: exam.view() };
    },
    {
      validator: readOnly((request: ResolveTaskRequest) => {
        ResolveTaskRequestSchema.parse(request);
        // who resolves, in which role: signed for by the API when actor assertions are configured (never on replay)
        refuseUnassertedActor(request, { update: resolveTaskUpdate.name, actor: request.resolvedBy, role: request.role, taskId: request.taskId });
        // The same resolution by the same person, already applied (a client's retry, maybe from before a
        // continue-as-new): answered with the task as it was resolved, never refused as if it had not happened.
        const applied = exam.resolvers[request.taskId];
        if (applied && applied.sub === request.resolvedBy && applied.resolution === JSON.stringify(request.resolution)) return;
        const task = exam.task(request.taskId);
        if (!task || task.status !== 'open') throw refused({ code: 'task-not-open', message: 'the task is not open' });
        check({ type: 'task-resolved', eventId: `resolve:${request.taskId}`, taskId: request.taskId, resolution: request.resolution });
        // A corrected claim whose content the coder left as the payer has it: nothing to correct.
        const resolution = request.resolution as { action?: string };
        const corrected = task.context.reason === 'corrected-claim' ? exam.lifecycle.claims.find((c) => c.claimId === task.context.correctedClaimId) : undefined;
        if (corrected && resolution.action === 'correct' && correctionChangesNothing(exam.coding, corrected.component, request.resolution as Parameters<typeof correctionChangesNothing>[2])) {
          throw refused({ code: 'invalid-resolution', message: 'the corrected claim is the same as the claim the payer has: change its lines or diagnoses, or accept the coding to send the denial back to the biller' });
        }
      }),
    },
  );
  setHandler(claimAcknowledgedSignal, authenticatedSignal('claimAcknowledged', (ack) => void submit(acknowledgmentEvent(ack), { sub: `payer:${ack.kind}`, role: 'clearinghouse' })));
  setHandler(remittanceReceivedSignal, authenticatedSignal('remittanceReceived', (r) => {
    // Classified by an activity in the main loop (the CARC table is data that changes); exams from before read it here.
    if (examPatched(REMITTANCE_CLASSIFIED_BY_ACTIVITY_PATCH)) remittances.push(r);
    else submit(remittanceEvent(r, remittanceContext(input.intake, r, examPatched)), PAYER_835);
  }));
  setHandler(policyChangedSignal, authenticatedSignal('policyChanged', (change) => {
    // Before the first transition the policy being looked up may be the one before this change: applied after it.
    if (waitsForStart()) void startApplied().then(() => policyChanged(change));
    else policyChanged(change);
  }));
  function policyChanged({ payerId, policy: changed }: { payerId: string; policy: PayerPolicy }): void {
    if (payerId === exam.lifecycle.policy.id) submit({ type: 'policy-changed', eventId: `policy:${now()}`, policy: changed }, { sub: 'admin', role: 'admin' });
    // The secondary payer's edited policy sets its claims' timers again (once the exam bills it; exams from before ignored it).
    else if (payerId === exam.lifecycle.secondaryPolicy?.id && examPatched(SECONDARY_POLICY_SIGNAL_PATCH)) {
      submit({ type: 'policy-changed', eventId: `policy:secondary:${now()}`, policy: changed, coverage: 'secondary' }, { sub: 'admin', role: 'admin' });
    }
  }

  /** Carries out one transition: the projection first (people see tasks at once), then the work. */
  async function carryOut(t: AppliedTransition): Promise<void> {
    await record(t);
    await ledger.postEvent(t, now(), t.event.type === 'patient-payment' ? paymentMethods[t.event.paymentId] : undefined);
    for (const [i, effect] of t.effects.entries()) {
      if (passRecordedOnly && isRecordedOnly(effect)) continue;
      const follow = await performOrReport(effect, `${t.seq}.${i}`);
      for (const event of follow) submit(event, null);
      // An order that could not be recorded is not validated: the front desk's interface-error comes first.
      if (effect.type === 'record-intake' && follow.some((e) => e.type === 'work-failed')) break;
    }
  }

  /**
   * The projection of a transition (people see tasks at once). One that cannot be written even after its retries
   * is written again before the next transition's (records are ordered and idempotent): the exam never fails on it.
   */
  async function record(t: AppliedTransition): Promise<void> {
    unrecorded.push(t);
    while (unrecorded.length > 0) {
      const next = unrecorded[0]!;
      try {
        const status = exam.view();
        const recorded = transitionRecord(exam, next, now(), status);
        const view = examPatched(EXAM_VIEW_PROJECTION_PATCH) ? examViewProjection(status) : undefined;
        const viewJson = view ? JSON.stringify(view) : '';
        const withView = view && viewJson !== recordedView ? { ...recorded, view } : recorded;
        // Exams from before: on the server, the exam's timeline read from these activities' inputs in its history.
        if (local && examPatched(LOCAL_TRANSITIONS_PATCH)) await localRecords.recordTransition({ ...withView, runId: workflowInfo().runId });
        else await remoteRecords.recordTransition(withView);
        if (view) recordedView = viewJson;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        log.warn('exam transition not recorded yet', { seq: next.seq, failure: describeFailure(err).type });
        return;
      }
      unrecorded.shift();
    }
  }

  /**
   * The work of an effect; when it fails for good (a non-retryable failure, or its bounded retries spent), the
   * failure goes back to the lifecycle as `work-failed`, which opens a task in the queue that can fix it. Exams
   * from before failed instead.
   */
  async function performOrReport(effect: Effect, key: string): Promise<ExamEvent[]> {
    try {
      return await ledger.forEffect(() => perform(effect, key));
    } catch (err) {
      if (!(err instanceof ActivityFailure) || !examPatched(WORK_FAILURE_PATCH)) throw err;
      const failure = describeFailure(err);
      log.warn('exam work failed', { work: effect.type, failure: failure.type });
      return [workFailedEvent(effect, failure, key)];
    }
  }

  /** The ordered procedures with the units the intake ordered (1 when it did not say). */
  const orderedProcedures = () =>
    exam.lifecycle.order.procedures.map((p) => ({ cpt: p.cpt, units: (exam.order ?? input.intake.order).procedures.find((o) => o.cpt === p.cpt)?.units ?? 1 }));
  /** The payer a claim is billed to (a secondary claim's: the secondary payer); exams from before ask the primary's. */
  const claimPayerId = (claim: { payerId?: string } | undefined): string =>
    claim?.payerId !== undefined && examPatched(CLAIM_PAYER_PATCH) ? claim.payerId : exam.lifecycle.policy.id;

  /** The work of one effect; returns the events its outcome feeds back into the lifecycle. */
  async function perform(effect: Effect, key: string): Promise<ExamEvent[]> {
    // Tasks, timers and reminders: recordTransition wrote them.
    if (isRecordedOnly(effect)) return [];
    const s = exam.lifecycle;
    const coverage = exam.coverage ?? { payerId: primary.payerId, memberId: primary.memberId };
    switch (effect.type) {
      case 'validate-intake': {
        const events: ExamEvent[] = [];
        if (!payerFound) {
          const loaded = await records.loadPayerPolicy({ payerId: coverage.payerId });
          if (loaded.policy) {
            payerFound = true;
            events.push({ type: 'policy-changed', eventId: `policy:${key}`, policy: loaded.policy });
          }
        }
        events.push({ type: 'intake-validated', eventId: `intake:${key}`, problems: payerFound ? [] : ['coverages.payerId:unknown-payer'] });
        return events;
      }
      case 'request-eligibility': {
        // Ids and codes only: the activity reads the subscriber from the exam's record.
        const r = await payer.checkEligibility({
          examId: input.examId,
          payerId: s.policy.id,
          modality: s.order.modality,
          dateOfService: s.order.scheduledAt,
          placeOfService: input.intake.facility.placeOfService,
        });
        return [{ type: 'eligibility-result', eventId: `eligibility:${key}`, outcome: r.outcome, reasons: r.reasons, checkedForDate: s.order.scheduledAt.slice(0, 10) }];
      }
      case 'update-coverage': {
        exam.coverage = { payerId: effect.coverage.payerId, memberId: effect.coverage.memberId };
        await records.updateCoverage({ examId: input.examId, coverage: effect.coverage });
        if (effect.coverage.payerId === s.policy.id) return [];
        const loaded = await records.loadPayerPolicy({ payerId: effect.coverage.payerId });
        return loaded.policy ? [{ type: 'policy-changed', eventId: `policy:${key}`, policy: loaded.policy }] : [];
      }
      case 'record-order': {
        const next = receivedOrders.get(effect.eventId) ?? exam.order;
        receivedOrders.delete(effect.eventId);
        if (!next) return [];
        exam.order = next;
        await records.recordOrder({ examId: input.examId, order: next });
        return [];
      }
      case 'record-registration': {
        // Kept in the exam (carried over runs) before it is written: a retry of this work writes it again.
        const next = receivedRegistrations.get(effect.eventId) ?? exam.registration;
        receivedRegistrations.delete(effect.eventId);
        if (!next) return [];
        exam.registration = next;
        await records.recordRegistration({ examId: input.examId, patient: next.patient, coverages: next.coverages });
        return [];
      }
      case 'evaluate-prior-auth': {
        const need = requiresPriorAuth(s.policy, { modality: s.order.modality, procedures: s.order.procedures });
        if (!need.required) {
          return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'not-required', reason: `not required: ${[...new Set(need.procedures.map((p) => p.reason))].join(', ')}` }];
        }
        // Exams started before authorizations were kept on file go straight to the payer.
        if (!examPatched(AUTHORIZATIONS_ON_FILE_PATCH)) return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'needed' }];
        const found = await records.findAuthorizationOnFile({
          examId: input.examId,
          policy: s.policy,
          dateOfService: s.order.scheduledAt,
          procedures: orderedProcedures(),
        });
        if (found.outcome === 'on-file') return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'on-file', authorization: found.authorization, reason: found.reason }];
        return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'needed', reason: found.reason }];
      }
      case 'record-authorization': {
        if (!examPatched(AUTHORIZATIONS_ON_FILE_PATCH)) return [];
        // Kept on file for the patient; the exam uses units for what it performed (or, before that, ordered).
        const done = s.performed;
        await records.recordAuthorization({
          examId: input.examId,
          policy: s.policy,
          dateOfService: done?.performedAt ?? s.order.scheduledAt,
          procedures: done
            ? done.procedures.map((p) => ({ cpt: p.cpt, units: p.units }))
            : orderedProcedures(),
          authorization: effect.authorization,
        });
        return [];
      }
      case 'request-prior-auth': {
        const r = await payer.requestPriorAuth({
          examId: input.examId,
          payerId: s.policy.id,
          procedures: s.order.procedures.map((p) => p.cpt),
          scheduledAt: s.order.scheduledAt,
          urgent: effect.urgent,
          placeOfService: input.intake.facility.placeOfService,
        });
        if (r.decision === 'approved' && r.authorization) return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'approved', authorization: r.authorization }];
        if (r.decision === 'denied') return [{ type: 'prior-auth-decision', eventId: `pa:${key}`, decision: 'denied', reason: r.reason }];
        return [];
      }
      case 'code-exam': {
        const performed = s.performed;
        if (!performed) return [];
        const snapshot = await coding.codeAndScrubClaims({
          examId: input.examId,
          performed: { performedAt: performed.performedAt, placeOfService: performed.placeOfService, contrast: performed.contrast, procedures: performedForCoding(performed.procedures) },
          reportDiagnoses: s.report.diagnoses,
          orderDiagnoses: input.intake.order.diagnoses,
          facility: { id: input.intake.facility.id, billingArrangement: s.order.billingArrangement, placeOfService: input.intake.facility.placeOfService },
          payer: { id: s.policy.id, payerType: s.policy.payerType, timelyFilingDays: s.policy.timelyFiling.days, riskWarningDays: s.policy.timelyFiling.riskWarningDays, ...(s.policy.timelyFiling.basis ? { timelyFilingBasis: s.policy.timelyFiling.basis } : {}) },
          // the ordering provider of an order change (exams without one: the intake's)
          orderingProviderNpi: (exam.order ?? input.intake.order).orderingProviderNpi,
          ...(exam.radiologistNpi ? { renderingProviderNpi: exam.radiologistNpi } : {}),
          today: now().slice(0, 10),
        });
        exam.coding = snapshot;
        // Exams from before billed every component of the arrangement, coded or not.
        // Exams from before billed the arrangement's components (filtered by what was coded) instead of the coded claims.
        if (examPatched(CLAIMS_FROM_CODING_PATCH)) return [codingEvent(snapshot, `coding:${key}`, s.order.billingArrangement, true)];
        return [codingEvent(snapshot, `coding:${key}`, examPatched(BILLABLE_COMPONENTS_PATCH) ? s.order.billingArrangement : undefined)];
      }
      case 'record-intake':
        await records.recordExamIntake({ examId: input.examId, intake: input.intake, receivedAt: input.receivedAt });
        return [];
      case 'apply-coding-correction':
        if (exam.coding) exam.coding = applyCodingCorrection(exam.coding, effect.correction, s.coding.fromCoding === true);
        return [];
      case 'submit-claim': {
        const record = s.claims.find((c) => c.claimId === effect.claimId);
        const claim = exam.coding ? claimForComponent(exam.coding, record?.component ?? 'global', s.coding.fromCoding === true) : undefined;
        if (!record || !claim) {
          log.warn('no coded claim to submit', { claimId: effect.claimId });
          if (!examPatched(WORK_FAILURE_PATCH)) return [];
          return [workFailedEvent(effect, { type: 'ClaimNotCoded', message: 'no coded claim for this component: code the exam again or correct the coding', details: [] }, key)];
        }
        // The lifecycle says how it goes when it must (an unprocessable claim again as an original).
        const frequency = effect.frequency ?? (record.version > 1 && record.everAccepted ? '7' : '1');
        await payer.submitClaim({
          examId: input.examId,
          claimId: effect.claimId,
          version: effect.version,
          idempotencyKey: effect.idempotencyKey,
          frequency,
          component: record.component,
          payerId: s.policy.id,
          claim,
          ...(s.authorization ? { priorAuthorizationNumber: s.authorization.authNumber } : {}),
          ...(examPatched(CLAIM_IDENTITIES_PATCH) ? { arrangement: s.order.billingArrangement, ...(exam.radiologistNpi ? { radiologistNpi: exam.radiologistNpi } : {}) } : {}),
        });
        return [];
      }
      case 'void-claim': {
        // Exams from before marked the claim voided and sent nothing.
        if (effect.reason === undefined) return [];
        const record = s.claims.find((c) => c.claimId === effect.claimId);
        await payer.withdrawClaim({
          examId: input.examId, claimId: effect.claimId, version: effect.version, payerId: effect.payerId ?? s.policy.id, reason: effect.reason, toPayer: effect.toPayer !== false, requestedAt: now(),
        });
        await postings.postClaimVoid({
          examId: input.examId, claimId: effect.claimId, version: effect.version, effectiveDate: now().slice(0, 10),
          ...(record?.primaryClaimId !== undefined ? { primaryClaimId: record.primaryClaimId } : {}),
        });
        return [];
      }
      case 'request-reopening': {
        const record = s.claims.find((c) => c.claimId === effect.claimId);
        const claim = exam.coding ? claimForComponent(exam.coding, record?.component ?? 'global') : undefined;
        if (!claim) return [workFailedEvent(effect, { type: 'ClaimNotCoded', message: 'no coded claim for this component: correct the coding', details: [] }, key)];
        await payer.requestReopening({ examId: input.examId, claimId: effect.claimId, version: effect.version, payerId: effect.payerId, claim, requestedAt: now() });
        return [];
      }
      case 'status-inquiry': {
        // The 277 goes into the claim's status history; the follow-up timers carry on either way.
        // A secondary claim is asked of the secondary payer (exams from before ask the primary's, as they did).
        const claim = s.claims.find((c) => c.claimId === effect.claimId);
        const payerId = claimPayerId(claim);
        const r = await payer.claimStatusInquiry({ examId: input.examId, claimId: effect.claimId, payerId });
        if (r.answered) log.info('claim status answered', { claimId: effect.claimId, category: r.category });
        return [];
      }
      case 'submit-appeal': {
        const record = s.claims.find((c) => c.claimId === effect.claimId);
        // A secondary claim's appeal goes to the secondary payer (exams from before sent it to the primary's).
        const payerId = claimPayerId(record);
        // A written request (appeal vehicles): rendered and filed as a document, never sent as an 837.
        if (effect.vehicle !== undefined && effect.documentId !== undefined) {
          await payer.fileAppealRequest(appealRequestOf(input.examId, effect, record?.version ?? 1, payerId, now()));
          return [];
        }
        await payer.submitAppeal({ examId: input.examId, claimId: effect.claimId, version: record?.version ?? 1, level: effect.level, levelName: effect.levelName, payerId });
        await ledger.appealLetter(effect, record?.version ?? 1, payerId, now());
        return [];
      }
      case 'build-claim':
        await ledger.chargeClaim(effect, now());
        return [];
      case 'post-remittance':
        // What the posting found (a shortfall, a payer credit) comes back as work for the lifecycle.
        return ledger.postRemittance(effect, now());
      case 'write-off':
        await ledger.writeOff(effect, key, now());
        return [];
      case 'bill-secondary':
        // The secondary payer's own policy (as edited) follows: its claim's timers are set again from it.
        return ledger.billSecondary(effect, key, now());
      case 'send-statement':
        await ledger.sendStatement(effect, now());
        return [];
      case 'refer-to-collections':
        await ledger.referToCollections(key, now());
        return [];
      case 'phase-changed':
        // A cancelled exam that was not performed gives back the authorization units it used
        // (exams cancelled before this rule kept them).
        if (effect.to === 'cancelled' && !s.performed && examPatched(RELEASE_AUTHORIZATION_PATCH)) {
          await records.releaseAuthorizationUse({ examId: input.examId });
        }
        return [];
      default: {
        // Every effect is performed above or recorded only: a new kind of effect must say which it is.
        const unperformed: never = effect;
        return unperformed;
      }
    }
  }

  /** An 835 claim payment, classified (CARC/RARC) by an activity, becomes the lifecycle's remittance event. */
  async function receiveRemittance(r: ClaimRemittance): Promise<void> {
    const patches = REMITTANCE_PATCHES.filter((p) => examPatched(p));
    let event: ExamEvent;
    try {
      event = await records.classifyRemittance({ remittance: r, coverages: input.intake.coverages.map((c) => ({ payerId: c.payerId, order: c.order })), patches });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // The payment is never dropped: read here with this release's table when the activity could not run.
      log.warn('835 classification failed; read in the workflow', { failure: describeFailure(err).type });
      event = remittanceEvent(r, remittanceContext(input.intake, r, (p) => patches.includes(p as (typeof patches)[number])));
    }
    submit(event, PAYER_835);
  }

  async function drain(): Promise<void> {
    working = true;
    try {
      while (pending.length > 0 || remittances.length > 0) {
        if (answerFirst) {
          answerFirst = false;
          await sleep(1);
        }
        if (remittances.length > 0) await receiveRemittance(remittances.shift()!);
        else await carryOut(pending.shift()!);
      }
    } finally {
      working = false;
    }
  }

  /** Timers due now fire in order; each is an event of the lifecycle (stale ones are ignored there). */
  function fireDueTimers(): void {
    const at = Date.now();
    const due = exam.lifecycle.timers.filter((t) => Date.parse(t.dueAt) <= at).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    for (const timer of due) submit({ type: 'timer-fired', eventId: `timer:${timer.timerId}`, timerId: timer.timerId }, null);
  }

  const threshold = input.options?.continueAsNewAfterEvents;
  const shouldContinueAsNew = () => workflowInfo().continueAsNewSuggested || (threshold !== undefined && exam.eventsThisRun >= threshold);
  /**
   * The run ends when the exam's work is over. A closed exam with open work (the refund after a late 835 or a
   * payment after close) keeps running until a person resolves it; runs that ended before this rule replay as they were.
   */
  const finished = (): boolean => {
    if (!exam.isTerminal) return false;
    if (isFinished(exam.lifecycle)) return true;
    return !examPatched(CLOSED_EXAM_WAITS_PATCH);
  };

  if (!input.carried) {
    let looked = false;
    try {
      const loaded = await records.loadPayerPolicy({ payerId: primary.payerId });
      looked = true;
      payerFound = loaded.policy !== null;
      // An unknown payer holds the exam at intake (registration-fix); self-pay rules meanwhile, as the payers table
      // has them (exams from before used the seed's, read in workflow code).
      if (loaded.policy) exam.adoptPolicy(loaded.policy);
      else if (examPatched(POLICY_BY_ACTIVITY_PATCH)) {
        const selfPay = await records.loadPayerPolicy({ payerId: 'self-pay' });
        if (selfPay.policy) exam.adoptPolicy(selfPay.policy);
      }
      // The intake wrote the exam's row with its reservation: written again only when it did not (or before this rule).
      if (!(input.intakeRecorded === true && examPatched(INTAKE_RECORDED_PATCH))) {
        await records.recordExamIntake({ examId: input.examId, intake: input.intake, receivedAt: input.receivedAt });
      }
      pending.push(exam.start());
    } catch (err) {
      // An order the records cannot take (e.g. a control character in a name) is the front desk's interface-error,
      // never an exam retrying forever. The payer is looked up again when the order is validated.
      if (!(err instanceof ActivityFailure) || !examPatched(WORK_FAILURE_PATCH)) throw err;
      if (!looked) payerFound = false;
      const failure = describeFailure(err);
      log.warn('exam intake not recorded', { failure: failure.type });
      submit(workFailedEvent({ type: 'record-intake' }, failure, 'intake'), null);
    }
    started = true;
  }

  for (;;) {
    await drain();
    if (finished()) break;
    if (shouldContinueAsNew()) {
      await condition(allHandlersFinished);
      await drain();
      if (finished()) break;
      return continueAsNew<typeof examWorkflow>({ ...input, carried: exam.carry() });
    }
    const next = exam.nextTimerDueMs();
    const wake = () => pending.length > 0 || remittances.length > 0 || isFinished(exam.lifecycle) || shouldContinueAsNew();
    if (next === undefined) {
      await condition(wake);
      continue;
    }
    const wait = next - Date.now();
    if (wait <= 0) {
      fireDueTimers();
      continue;
    }
    const woke = await condition(wake, wait);
    if (!woke) fireDueTimers(); // timeout branch: the earliest timer of the exam is due
  }
  await condition(allHandlersFinished);
  await drain();
  return { phase: exam.phase };
}
