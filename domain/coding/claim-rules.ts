import type { Component } from './chargemaster';
import type { BilledBy, ClaimForm, ClaimKind } from './claim';
import type { BillingArrangement } from './exam-input';

/**
 * Which claims a coded service goes on: one rule table by setting (from the place of service), billing
 * arrangement and PC/TC indicator of the code (CMS PFS relative value file). Each placement says the claim
 * (kind), the component priced and shown by modifier (26/TC, none for a whole service or on an 837I), the form
 * (837P/837I) and the party that bills it: the facility (owner of the site and equipment, the technical entity)
 * or the reading group (the radiologists' professional entity). Pure table: no reference data, no clock.
 *
 * - office and other non-hospital settings (11, 12, 24, 81, ...): everything on 837P; a global arrangement bills
 *   every code whole on one claim; a split bills TC by the facility and 26 by the reading group.
 * - hospital outpatient (19 off-campus, 22 on-campus, 23 emergency room, or a facility that bills institutionally):
 *   the hospital bills its technical services on the 837I (no TC) and the physician the professional service on
 *   the 837P, also under a `global` arrangement (the hospital's own professional entity bills the -26 then).
 * - inpatient (21): the hospital's technical services belong on its Part A inpatient claim, which the engine
 *   does not bill; only the professional services are billed (837P).
 *
 * PC/TC 0 (physician procedures: biopsies, injections, drainages) cannot be split: the physician bills them
 * whole (no modifier) wherever a professional claim exists; in a hospital the hospital also bills its facility
 * fee for the same code on the 837I. PC/TC 2, 6 and 8 are professional-only, PC/TC 3 technical-only, PC/TC 4 a
 * global-only test, PC/TC 5 an incident-to service, PC/TC 7 therapy and PC/TC 9 codes without components
 * (contrast, radiopharmaceuticals): these are billed once, by the facility.
 */

export type ClaimSetting = 'office' | 'hospital-outpatient' | 'inpatient';

export interface ClaimPlacement {
  kind: ClaimKind;
  component: Component;
  form: ClaimForm;
  billedBy: BilledBy;
}

/** Why a service goes on no claim the engine sends. */
export type NotBilledReason =
  /** the arrangement leaves this component to another party (e.g. a professional-only code in a technical arrangement) */
  | 'other-party'
  /** an inpatient technical service: the hospital's Part A inpatient claim carries it */
  | 'inpatient-part-a';

export interface ClaimRule {
  placements: ClaimPlacement[];
  /** set when a component the service has is not billed by the engine (placements may still hold the others) */
  notBilled?: NotBilledReason;
}

const HOSPITAL_OUTPATIENT_POS = new Set(['19', '22', '23']);
const INPATIENT_POS = new Set(['21']);
const PROFESSIONAL_ONLY = new Set(['2', '6', '8']);

/** The setting of a place of service; a facility that bills institutionally is a hospital outpatient department. */
export function claimSetting(pos: string, billsInstitutionally?: boolean): ClaimSetting {
  if (INPATIENT_POS.has(pos)) return 'inpatient';
  if (HOSPITAL_OUTPATIENT_POS.has(pos) || billsInstitutionally === true) return 'hospital-outpatient';
  return 'office';
}

/** What one PC/TC indicator has to bill: a technical part, a professional part, and whether they are one code split. */
function partsOf(pcTc: string): { technical: boolean; professional: boolean; split: boolean; physician: boolean } {
  if (pcTc === '1') return { technical: true, professional: true, split: true, physician: false };
  if (pcTc === '0') return { technical: false, professional: true, split: false, physician: true };
  if (PROFESSIONAL_ONLY.has(pcTc)) return { technical: false, professional: true, split: false, physician: false };
  return { technical: true, professional: false, split: false, physician: false };
}

/**
 * The claims one code goes on. `pcTc` undefined (a code the fee schedule does not list) is treated as 9: billed
 * whole by the facility.
 */
export function claimRule(setting: ClaimSetting, arrangement: BillingArrangement, pcTc: string | undefined): ClaimRule {
  const pc = pcTc ?? '9';
  const parts = partsOf(pc);
  const placements: ClaimPlacement[] = [];
  let notBilled: NotBilledReason | undefined;

  if (setting === 'office') {
    if (arrangement === 'global') return { placements: [{ kind: 'global', component: 'global', form: '837P', billedBy: 'facility' }] };
    const technicalWanted = arrangement !== 'professional';
    const professionalWanted = arrangement !== 'technical';
    if (parts.technical) {
      if (technicalWanted) placements.push({ kind: 'technical', component: parts.split ? 'TC' : 'global', form: '837P', billedBy: 'facility' });
      else notBilled = 'other-party';
    }
    if (parts.professional) {
      if (professionalWanted) placements.push({ kind: 'professional', component: parts.split ? '26' : 'global', form: '837P', billedBy: 'reading-group' });
      else notBilled = 'other-party';
    }
    return notBilled ? { placements, notBilled } : { placements };
  }

  // Hospital settings: the hospital's technical services on the 837I, the physician's on the 837P.
  const professionalBilledBy: BilledBy = arrangement === 'global' ? 'facility' : 'reading-group';
  const technicalWanted = arrangement !== 'professional';
  const professionalWanted = arrangement !== 'technical';
  // The hospital's part: the technical component, a technical-only service, or its facility fee for a physician procedure.
  const hospitalPart = parts.technical || parts.physician;
  if (hospitalPart) {
    if (setting === 'inpatient') notBilled = technicalWanted ? 'inpatient-part-a' : 'other-party';
    else if (technicalWanted) placements.push({ kind: 'technical', component: parts.split ? 'TC' : 'global', form: '837I', billedBy: 'facility' });
    else if (!parts.physician) notBilled = 'other-party';
  }
  if (parts.professional) {
    if (professionalWanted) placements.push({ kind: 'professional', component: parts.split ? '26' : 'global', form: '837P', billedBy: professionalBilledBy });
    else if (!(setting === 'inpatient' && notBilled === 'inpatient-part-a')) notBilled = 'other-party';
  }
  return notBilled ? { placements, notBilled } : { placements };
}
