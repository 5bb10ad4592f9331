import { finding } from '../coding/finding';
import { normalizeModifiers } from '../coding/modifiers';
import { MAX_POINTERS_PER_LINE } from '../coding/diagnosis-pointers';
import { diagnosisSupports } from '../refdata/coverage-policy';
import type { ScrubState } from './scrub-context';

/**
 * Diagnosis supports procedure (coverage policies by CPT family) and the Medicare ABN modifiers:
 * GA = a signed ABN is on file (patient may be liable), GZ = no ABN (provider liable), GY = statutorily excluded
 * (PFS status N or X services need it, or GA, to be billed to Medicare).
 * Pointers are reordered when a supporting diagnosis is on the claim but not pointed first.
 */
export function checkMedicalNecessity(s: ScrubState): void {
  const { claim, ctx, ref } = s;
  const medicare = ctx.payer.kind === 'medicare';
  claim.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    const has = (m: string): boolean => line.modifiers.includes(m);
    if (has('GA') && has('GZ')) s.findings.push(finding('ABN_CONFLICT', 'error', `${at}.modifiers`, `Line ${i + 1} carries both GA and GZ.`, 'Keep GA when a signed ABN is on file, GZ when not.'));
    if (has('GA') && !abnCovers(ctx.abn, line.cpt)) {
      s.findings.push(finding('ABN_NOT_ON_FILE', 'error', `${at}.modifiers`, `Line ${i + 1} carries GA but no signed ABN is on file for ${line.cpt}.`, 'Attach the signed ABN, or replace GA with GZ.'));
    }
    if (!medicare && (has('GA') || has('GZ'))) {
      s.findings.push(finding('ABN_MODIFIER_NOT_MEDICARE', 'warning', `${at}.modifiers`, `Line ${i + 1}: GA/GZ are Medicare ABN modifiers and this payer is not traditional Medicare.`, 'Remove them unless the payer asks for them.'));
    }
    const status = ref.pfs(line.cpt, '', s.year)?.statusCode;
    const excluded = medicare && (status === 'N' || status === 'X') && !has('GY') && !has('GA') && !has('GZ');
    const voluntary = (ctx.voluntaryAbnCpts ?? []).includes(line.cpt);
    if (excluded && (voluntary || (ctx.noAbnCpts ?? []).includes(line.cpt))) {
      // A service Medicare never covers: GY gets the denial the patient or a secondary payer needs; an ABN signed
      // for it was a voluntary notice (GX).
      line.modifiers = normalizeModifiers([...line.modifiers, 'GY', ...(voluntary ? ['GX'] : [])]);
      s.autoFixed.push(finding(voluntary ? 'ABN_GX_ADDED' : 'ABN_GY_ADDED', 'warning', `${at}.modifiers`, `Line ${i + 1}: ${line.cpt} is excluded from Medicare coverage${voluntary ? '; the signed ABN is a voluntary notice' : ''}.`, voluntary ? 'Added GY and GX: the patient is liable.' : 'Added GY: Medicare denies it and the patient is liable.', true));
    } else if (excluded) {
      s.findings.push(
        finding('MEDICARE_NONCOVERED_SERVICE', 'error', `${at}.modifiers`, `Line ${i + 1}: ${line.cpt} is ${status === 'N' ? 'not covered by Medicare (PFS status N)' : 'excluded from the fee schedule by statute (PFS status X)'}.`, 'Append GY to obtain the denial the patient or a secondary payer needs, or GA if a voluntary ABN was signed; otherwise do not bill Medicare.'),
      );
    }
    const policy = ref.coveragePolicy(line.cpt);
    if (!policy) return;
    const supportingIdx = claim.diagnoses.map((d, k) => (diagnosisSupports(policy, d) ? k + 1 : 0)).filter((k) => k > 0);
    const pointedSupporting = line.diagnosisPointers.filter((p) => supportingIdx.includes(p));
    if (supportingIdx.length > 0) {
      if (pointedSupporting.length === 0 || line.diagnosisPointers[0] !== pointedSupporting[0]) {
        const first = pointedSupporting.length > 0 ? pointedSupporting : supportingIdx;
        line.diagnosisPointers = [...first, ...line.diagnosisPointers.filter((p) => !first.includes(p))].slice(0, MAX_POINTERS_PER_LINE);
        s.autoFixed.push(finding('POINTERS_REORDERED', 'warning', `${at}.diagnosisPointers`, `Line ${i + 1}: the diagnosis that supports ${line.cpt} was not pointed first.`, 'Pointed the supporting diagnosis first.', true));
      }
      return;
    }
    // No diagnosis on the claim supports the code.
    const label = `${policy.name} (${policy.id})`;
    if (medicare) {
      if (has('GA') || has('GZ') || has('GY')) {
        s.findings.push(finding('NOT_MEDICALLY_NECESSARY_BILLED', 'warning', `${at}.modifiers`, `Line ${i + 1}: no diagnosis supports ${line.cpt} under ${label}; it is billed with ${line.modifiers.filter((m) => ['GA', 'GZ', 'GY'].includes(m)).join('/')} and is expected to deny.`, 'No action unless a supporting diagnosis is documented.'));
        return;
      }
      if (abnCovers(ctx.abn, line.cpt)) {
        line.modifiers = normalizeModifiers([...line.modifiers, 'GA']);
        s.autoFixed.push(finding('ABN_GA_ADDED', 'warning', `${at}.modifiers`, `Line ${i + 1}: no diagnosis supports ${line.cpt} under ${label}; a signed ABN is on file.`, 'Added GA: the patient may be billed if Medicare denies.', true));
        return;
      }
      if ((ctx.noAbnCpts ?? []).includes(line.cpt)) {
        line.modifiers = normalizeModifiers([...line.modifiers, 'GZ']);
        s.autoFixed.push(finding('ABN_GZ_ADDED', 'warning', `${at}.modifiers`, `Line ${i + 1}: no diagnosis supports ${line.cpt} under ${label} and the record says no ABN was signed; Medicare is expected to deny.`, 'Added GZ: the denial is the provider\'s, not the patient\'s.', true));
        return;
      }
    }
    s.findings.push(
      finding(
        'DX_NOT_SUPPORTED',
        'error',
        `${at}.diagnosisPointers`,
        `Line ${i + 1}: no claim diagnosis supports ${line.cpt} under the coverage policy ${label}.`,
        medicare ? 'Add the supporting diagnosis documented in the report; if none, bill with GZ (no ABN) or GA (signed ABN on file).' : 'Add the supporting diagnosis documented in the report, or confirm the payer covers the indication.',
      ),
    );
  });
}

function abnCovers(abn: { signed: boolean; cpts?: string[] } | undefined, cpt: string): boolean {
  return !!abn && abn.signed && (abn.cpts === undefined || abn.cpts.includes(cpt));
}
