import type { IsoDate } from '../refdata/iso-date';
import type { PfsRow, RefData } from '../refdata/ref-data';
import { unitPriceCents } from './chargemaster';
import { claimRule, claimSetting } from './claim-rules';
import type { BilledBy, Claim, ClaimForm, ClaimKind, ClaimLine } from './claim';
import { combinedCode, familyOf } from './combine-contrast-codes';
import { chooseClaimDiagnoses } from './claim-diagnoses';
import { pointersFor } from './diagnosis-pointers';
import type { CodingInput, DistinctReason, ExamContrast, Laterality, PayerKind, PerformedProcedure } from './exam-input';
import { finding, type Finding } from './finding';
import { isPtpBypassModifier, normalizeModifiers, sideOf } from './modifiers';
import { pcTcMeaning } from './pctc-indicator';

export interface CodingResult {
  claims: Claim[];
  findings: Finding[];
}

interface WorkingLine {
  cpt: string;
  units: number;
  modifiers: string[];
  source: number;
  distinct?: DistinctReason;
  repeat?: PerformedProcedure['repeat'];
  /** the contrast recorded for this procedure (absent: the exam's) */
  contrast?: RecordedContrast;
  /** the diagnoses the RIS's charge points to (FT1-19) */
  diagnoses?: string[];
  /** the line's pointers to the claim's diagnoses, from its charge (absent: by the coverage rule) */
  pointers?: number[];
}

type RecordedContrast = Exclude<ExamContrast, 'given'>;

const SCREENING_MAMMOGRAPHY = new Set(['77067', '77063']);
const DIAGNOSTIC_MAMMOGRAPHY = new Set(['77065', '77066', 'G0279']);
/** Unilateral codes whose bilateral counterpart is a separate code (PFS bilateral indicator 0). */
const BILATERAL_COUNTERPART: Record<string, string> = { '77065': '77066', '77048': '77049' };

const X_MODIFIER: Record<DistinctReason, string> = {
  'separate-encounter': 'XE',
  'separate-site': 'XS',
  'separate-practitioner': 'XP',
  'unusual-service': 'XU',
};

/** Medicare and Medicaid expect the X{EPSU} subset; other payers get 59 unless they say otherwise. */
export function distinctModifierFor(reason: DistinctReason, payer: PayerKind | undefined): string {
  return payer === 'commercial' || payer === 'self-pay' ? '59' : X_MODIFIER[reason];
}

/**
 * Code a performed exam: CPT lines with modifiers and units, ICD-10-CM diagnoses with pointers, and one claim per
 * billing party according to the PC/TC indicator of each code and the facility's billing arrangement.
 * Pure: the date of service and all reference data are arguments.
 */
export function codeExam(input: CodingInput, ref: RefData): CodingResult {
  const findings: Finding[] = [];
  const dos: IsoDate = input.dateOfService;
  const year = Number(dos.slice(0, 4));

  for (const notice of ref.currency(dos)) {
    if (notice.code !== 'CURATED_DATA') findings.push(finding('REFDATA_NOT_CURRENT', 'warning', 'dateOfService', notice.message, 'Load the reference data release that governs the date of service.'));
  }

  const pos = (input.exam.placeOfService || input.facility.placeOfService).trim();
  if (!ref.pos(pos)) findings.push(finding('POS_INVALID', 'error', 'exam.placeOfService', `Place of service ${pos || '(blank)'} is not a known code.`, 'Send the two-digit CMS place of service of the exam.'));

  // 1. Procedures to working lines.
  let lines: WorkingLine[] = [];
  input.exam.procedures.forEach((proc, i) => {
    const line = workingLine(proc, i, year, ref, findings, input.payerKind);
    if (line) lines.push(line);
  });
  if (input.exam.procedures.length === 0) findings.push(finding('NO_PROCEDURES', 'error', 'exam.procedures', 'The performed exam lists no procedure.', 'Send the performed procedures from the RIS.'));

  // 2. Same-session pairs that CPT reports with one combined code.
  lines = combineSameSession(lines, ref, findings);

  // 2b. The contrast recorded against the contrast of the codes billed.
  checkContrast(lines, input.exam.contrast, ref, findings);

  // 3. Screening and diagnostic mammography on the same date: GG on the diagnostic study.
  if (lines.some((l) => SCREENING_MAMMOGRAPHY.has(l.cpt))) {
    lines.forEach((l, i) => {
      if (DIAGNOSTIC_MAMMOGRAPHY.has(l.cpt) && !l.modifiers.includes('GG')) {
        l.modifiers = normalizeModifiers([...l.modifiers, 'GG']);
        findings.push(finding('MAMMOGRAPHY_GG_ADDED', 'warning', `procedures[${l.source}].modifiers`, `Line ${i + 1}: a diagnostic mammogram on the date of a screening mammogram carries GG.`, 'No action: GG was added.', true));
      }
    });
  }

  // 4. NCCI pairs that documented facts allow to bypass (modifier indicator 1).
  for (const a of lines) {
    for (const b of lines) {
      if (a === b) continue;
      const edit = ref.ncciPtp(a.cpt, b.cpt, dos);
      if (!edit || edit.modifierIndicator !== '1') continue;
      const sa = sideOf(a.modifiers);
      const sb = sideOf(b.modifiers);
      if (sa && sb && sa !== 'both' && sb !== 'both' && sa !== sb) continue; // different sides: anatomic modifiers bypass
      const distinctAlready = (l: WorkingLine): boolean => l.modifiers.some((m) => isPtpBypassModifier(m) && m !== 'LT' && m !== 'RT');
      if (distinctAlready(a) || distinctAlready(b)) continue;
      const reason = b.distinct ?? a.distinct;
      if (!reason) continue;
      const modifier = distinctModifierFor(reason, input.payerKind);
      b.modifiers = normalizeModifiers([...b.modifiers, modifier]);
      findings.push(
        finding('DISTINCT_MODIFIER_ADDED', 'warning', `procedures[${b.source}].modifiers`, `${b.cpt} is bundled into ${a.cpt} unless distinct; the record documents a ${reason.replace('-', ' ')}, so ${modifier} was added.`, 'Confirm the documentation supports the distinct service.', true),
      );
    }
  }

  // 5. Diagnoses: the signed report's, else the charges' own (FT1-19), else the order's; the charges' are their pointers.
  const chosen = chooseClaimDiagnoses(
    { report: input.report.diagnoses, order: input.orderDiagnoses, charges: lines.map((l) => ({ cpt: l.cpt, ...(l.diagnoses ? { diagnoses: l.diagnoses } : {}), field: `procedures[${l.source}].diagnoses` })) },
    dos,
    ref,
    findings,
  );
  const diagnoses = chosen.diagnoses;
  lines.forEach((l, i) => {
    const own = chosen.pointers[i];
    if (own) l.pointers = own;
  });

  // 6. Claims by billing arrangement and PC/TC indicator.
  const claims = buildClaims(lines, diagnoses, pos, input, year, ref, findings);
  return { claims, findings };
}

function workingLine(proc: PerformedProcedure, i: number, year: number, ref: RefData, findings: Finding[], payer: PayerKind | undefined): WorkingLine | undefined {
  const cpt = proc.cpt.trim().toUpperCase();
  const where = `procedures[${i}]`;
  if (!/^[0-9A-Z]{5}$/.test(cpt)) {
    findings.push(finding('PROCEDURE_CODE_INVALID', 'error', `${where}.cpt`, `"${proc.cpt}" is not a CPT/HCPCS code.`, 'Send a five-character CPT or HCPCS code.'));
    return undefined;
  }
  const global = ref.pfs(cpt, '', year);
  if (!global && !ref.hcpcs(cpt)) {
    findings.push(finding('CODE_NOT_IN_FEE_SCHEDULE', 'warning', `${where}.cpt`, `${cpt} is not in the loaded fee schedule; it is billed as performed without component rules.`, 'Check the code, or load the fee schedule that lists it.'));
  }
  let units = proc.units ?? 1;
  if (!Number.isInteger(units) || units < 1) {
    findings.push(finding('UNITS_INVALID', 'error', `${where}.units`, `Units must be a whole number of at least 1 (got ${String(proc.units)}).`, 'Send the number of units performed.'));
    units = 1;
  }
  let modifiers = normalizeModifiers(proc.modifiers ?? []);
  if (modifiers.some((m) => m === '26' || m === 'TC')) {
    findings.push(finding('COMPONENT_MODIFIER_IGNORED', 'warning', `${where}.modifiers`, '26 and TC are chosen from the billing arrangement, not from the performed exam.', 'No action: the component modifiers were set by the coding rules.', true));
    modifiers = modifiers.filter((m) => m !== '26' && m !== 'TC');
  }
  let laterality: Laterality | undefined = proc.laterality;
  if (!laterality) {
    const side = sideOf(modifiers);
    laterality = side === 'both' ? '50' : side;
  }
  modifiers = modifiers.filter((m) => m !== 'LT' && m !== 'RT' && m !== '50');

  if (proc.abn && (payer === 'medicare' || payer === undefined)) {
    if (proc.abn.signed && proc.abn.option === '2') {
      findings.push(finding('ABN_OPTION_2_DO_NOT_BILL', 'error', `${where}.abn`, `${cpt}: the patient chose ABN option 2 (do not bill Medicare); the line is on the Medicare claim.`, 'Remove the line from the claim and bill the patient, or correct the ABN record.'));
    } else if (proc.abn.signed && proc.abn.option === '3') {
      findings.push(finding('ABN_OPTION_3_DECLINED', 'error', `${where}.abn`, `${cpt}: the patient declined the service on the ABN (option 3), yet it is recorded as performed.`, 'Correct the ABN record or remove the line.'));
    }
  }

  let code = cpt;
  if (laterality) {
    const indicator = global?.bilateralIndicator ?? '9';
    const bilateral = laterality === '50' || laterality === 'bilateral';
    if (bilateral) {
      if (indicator === '1' || indicator === '3') {
        modifiers.push('50');
        if (units !== 1) findings.push(finding('BILATERAL_UNITS', 'warning', `${where}.units`, `A bilateral ${cpt} is one line with modifier 50 and 1 unit.`, 'No action: units were set to 1.', true));
        units = 1;
      } else if (indicator === '0' && BILATERAL_COUNTERPART[cpt]) {
        code = BILATERAL_COUNTERPART[cpt] as string;
        findings.push(finding('BILATERAL_CODE_USED', 'warning', `${where}.cpt`, `${cpt} describes one side; the bilateral study is ${code}.`, `No action: ${code} was coded.`, true));
      } else if (indicator === '0') {
        findings.push(finding('BILATERAL_NOT_ALLOWED', 'error', `${where}.laterality`, `${cpt} cannot be billed with modifier 50 (PFS bilateral indicator 0).`, 'Use the bilateral code for the study, or report each side on its own line with RT and LT.'));
      }
      // indicator 2: the code already describes both sides; 9: laterality does not apply.
    } else if (indicator === '2' || indicator === '9') {
      findings.push(finding('LATERALITY_NOT_APPLICABLE', 'warning', `${where}.laterality`, `${cpt} does not take a side modifier (PFS bilateral indicator ${indicator}).`, 'No action: the side was left off the claim.', true));
    } else {
      modifiers.push(laterality);
    }
  }
  if (proc.reduced) modifiers.push('52');
  if (proc.repeat) modifiers.push(proc.repeat === 'same-physician' ? '76' : '77');
  return {
    cpt: code,
    units,
    modifiers: normalizeModifiers(modifiers),
    source: i,
    ...(proc.distinct ? { distinct: proc.distinct } : {}),
    ...(proc.repeat ? { repeat: proc.repeat } : {}),
    ...(proc.contrast ? { contrast: proc.contrast } : {}),
    ...(proc.diagnoses && proc.diagnoses.length > 0 ? { diagnoses: [...proc.diagnoses] } : {}),
  };
}

const CONTRAST_WORDS: Record<RecordedContrast, string> = { none: 'no contrast', with: 'contrast only', 'without-and-with': 'images without and then with contrast' };

/**
 * Contrast recorded against the contrast of the codes billed. Every mismatch could change the code billed, so it
 * is an error for the coder. A procedure's own contrast is checked against its line; the exam-level record against
 * the exam as a whole (an exam with contrast may also hold a study without): a contrast study on an exam recorded
 * without contrast, or an exam recorded with contrast none of whose codes matches it.
 */
function checkContrast(lines: WorkingLine[], examContrast: ExamContrast, ref: RefData, findings: Finding[]): void {
  const classOf = (l: WorkingLine): RecordedContrast | undefined => {
    const c = ref.cpt(l.cpt)?.contrast;
    return c === 'none' || c === 'with' || c === 'without-and-with' ? c : undefined;
  };
  const suggest = (cpt: string, wanted: RecordedContrast): string => {
    const family = familyOf(cpt);
    if (!family) return 'Code the study that matches the contrast given, or correct the contrast on the performed exam.';
    const code = wanted === 'none' ? family.without : wanted === 'with' ? family.with : family.both;
    return `Code ${code} if the contrast record is right, or correct the contrast on the performed exam.`;
  };
  const mismatch = (l: WorkingLine, recorded: RecordedContrast, coded: RecordedContrast): void => {
    findings.push(finding('CONTRAST_MISMATCH', 'error', `procedures[${l.source}].cpt`, `${l.cpt} is billed as a study with ${CONTRAST_WORDS[coded]}; the exam records ${CONTRAST_WORDS[recorded]}.`, suggest(l.cpt, recorded)));
  };
  const examLevel: WorkingLine[] = [];
  for (const l of lines) {
    const coded = classOf(l);
    if (!coded) continue;
    if (l.contrast) {
      if (l.contrast !== coded) mismatch(l, l.contrast, coded);
    } else examLevel.push(l);
  }
  if (examContrast === 'none') {
    for (const l of examLevel) if (classOf(l) !== 'none') mismatch(l, 'none', classOf(l) as RecordedContrast);
    return;
  }
  const matches = (c: RecordedContrast | undefined): boolean => (examContrast === 'given' ? c === 'with' || c === 'without-and-with' : c === examContrast);
  if (examLevel.length === 0 || examLevel.some((l) => matches(classOf(l)))) return;
  const recorded: RecordedContrast = examContrast === 'given' ? 'with' : examContrast;
  for (const l of examLevel) mismatch(l, recorded, classOf(l) as RecordedContrast);
}

function combineSameSession(lines: WorkingLine[], ref: RefData, findings: Finding[]): WorkingLine[] {
  let current = lines;
  for (;;) {
    let merged = false;
    outer: for (let i = 0; i < current.length; i += 1) {
      for (let j = i + 1; j < current.length; j += 1) {
        const a = current[i] as WorkingLine;
        const b = current[j] as WorkingLine;
        if (a.units !== 1 || b.units !== 1 || a.distinct || b.distinct || a.repeat || b.repeat) continue;
        if (sideOf(a.modifiers) !== sideOf(b.modifiers)) continue;
        const code = combinedCode(a.cpt, b.cpt, ref);
        if (!code) continue;
        findings.push(
          finding('CODES_COMBINED', 'warning', `procedures[${b.source}].cpt`, `${a.cpt} and ${b.cpt} in one session are reported as ${code}.`, `No action: ${code} replaced the two codes.`, true),
        );
        const contrast = mergedContrast(a.contrast, b.contrast);
        const dx = [...new Set([...(a.diagnoses ?? []), ...(b.diagnoses ?? [])])];
        const combined: WorkingLine = { cpt: code, units: 1, modifiers: normalizeModifiers([...a.modifiers, ...b.modifiers]), source: a.source, ...(contrast ? { contrast } : {}), ...(dx.length > 0 ? { diagnoses: dx } : {}) };
        current = [...current.slice(0, i), combined, ...current.slice(i + 1, j), ...current.slice(j + 1)];
        merged = true;
        break outer;
      }
    }
    if (!merged) return current;
  }
}

/** The contrast of two procedures reported as one code: without and with makes both. */
function mergedContrast(a: RecordedContrast | undefined, b: RecordedContrast | undefined): RecordedContrast | undefined {
  if (!a || !b) return undefined;
  return a === b ? a : 'without-and-with';
}

function buildClaims(lines: WorkingLine[], diagnoses: string[], pos: string, input: CodingInput, year: number, ref: RefData, findings: Finding[]): Claim[] {
  const arrangement = input.facility.billingArrangement;
  const setting = claimSetting(pos, input.facility.billsInstitutionally);
  if (arrangement === 'global' && setting === 'hospital-outpatient') {
    findings.push(
      finding('GLOBAL_SPLIT_FOR_HOSPITAL', 'warning', 'facility.billingArrangement', 'A hospital setting bills the technical component on the institutional claim, so the global service was split into technical and professional claims.', 'Check the facility setup if the exam was not performed in a hospital department.', true),
    );
  }
  const byKind = new Map<ClaimKind, ClaimLine[]>();
  const forms = new Map<ClaimKind, { form: ClaimForm; billedBy: BilledBy }>();
  for (const line of lines) {
    const global: PfsRow | undefined = ref.pfs(line.cpt, '', year);
    const rule = claimRule(setting, arrangement, global?.pcTcIndicator);
    const targets = rule.placements;
    if (rule.notBilled === 'inpatient-part-a') {
      findings.push(
        finding('INPATIENT_TECHNICAL_NOT_BILLED', 'warning', `procedures[${line.source}].cpt`, `${line.cpt}: the technical service of an inpatient stay (place of service 21) belongs on the hospital's Part A inpatient claim; it is not billed here.`, 'No action: the hospital bills it on its inpatient claim. Check the place of service if the patient was not an inpatient.'),
      );
    } else if (rule.notBilled === 'other-party') {
      findings.push(
        finding('NOT_BILLED_BY_ARRANGEMENT', 'warning', `procedures[${line.source}].cpt`, `${line.cpt} (${pcTcMeaning(global?.pcTcIndicator)}) is ${targets.length > 0 ? 'partly ' : ''}not billed under a ${arrangement} arrangement.`, 'No action unless the arrangement is wrong: the other party bills this service.'),
      );
    }
    if (targets.length === 0) continue;
    if (arrangement === 'split' && global?.pcTcIndicator === '4') {
      findings.push(finding('PCTC_GLOBAL_ONLY', 'error', `procedures[${line.source}].cpt`, `${line.cpt} is a global-only code (PC/TC indicator 4) and cannot be split; it is billed whole by the facility.`, 'Agree with the reading group who bills this code.'));
    }
    for (const target of targets) {
      forms.set(target.kind, { form: target.form, billedBy: target.billedBy });
      const institutional = target.form === '837I';
      const componentModifier = target.component === 'global' || institutional ? [] : [target.component];
      const modifiers = normalizeModifiers([...componentModifier, ...line.modifiers]);
      // The chargemaster of the entity that bills this claim kind, else the exam-wide one.
      const chargemaster = input.chargemasters?.[target.kind] ?? input.chargemaster;
      const price = unitPriceCents(line.cpt, target.component, year, ref, chargemaster, { dateOfService: input.dateOfService, institutional });
      if (!price) {
        findings.push(finding('CHARGE_MISSING', 'error', `procedures[${line.source}].cpt`, `No price for ${line.cpt}${target.component === 'global' ? '' : `-${target.component}`}: the fee schedule does not price it and the chargemaster does not list it.`, 'Add the code to the chargemaster.'));
      } else if (price.source === 'default' && chargemaster) {
        findings.push(finding('CHARGE_DEFAULTED', 'warning', `procedures[${line.source}].cpt`, `The chargemaster has no price for ${line.cpt}${target.component === 'global' ? '' : `-${target.component}`}; the default (a multiple of the fee schedule) was used.`, 'Add the code to the chargemaster.'));
      }
      const bothSides = modifiers.includes('50') ? 2 : 1;
      const list = byKind.get(target.kind) ?? [];
      list.push({
        lineNumber: list.length + 1,
        cpt: line.cpt,
        modifiers: modifiers.slice(0, 4),
        units: line.units,
        chargeCents: (price?.cents ?? 0) * line.units * bothSides,
        diagnosisPointers: line.pointers ?? pointersFor(line.cpt, diagnoses, ref),
        ...(institutional && price?.revenueCode ? { revenueCode: price.revenueCode } : {}),
      });
      if (modifiers.length > 4) findings.push(finding('TOO_MANY_MODIFIERS', 'error', `procedures[${line.source}].modifiers`, `${line.cpt} needs ${modifiers.length} modifiers; a line carries four.`, 'Drop the informational modifiers the payer does not need.'));
      byKind.set(target.kind, list);
    }
  }
  const order: ClaimKind[] = ['global', 'technical', 'professional'];
  return order
    .filter((k) => (byKind.get(k) ?? []).length > 0)
    .map((kind) => ({
      kind,
      billedBy: (forms.get(kind) as { billedBy: BilledBy }).billedBy,
      form: (forms.get(kind) as { form: ClaimForm }).form,
      placeOfService: pos,
      dateOfService: input.dateOfService,
      lines: byKind.get(kind) as ClaimLine[],
      diagnoses: diagnoses.slice(),
    }));
}
