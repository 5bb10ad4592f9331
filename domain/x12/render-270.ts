import type { EligibilityReceiver, EligibilityRequest270, EligibilitySource, EligibilityTrace } from './model-270';
import { d8, dtp, nm1 } from './write-parties';
import { seg, type OutSegment } from './write-segments';

/** Segments shared by the 270 and 271 bodies. */

export function sourceSegment(source: EligibilitySource): OutSegment {
  return seg('2100A', 'NM1', 'PR', '2', source.name, undefined, undefined, undefined, undefined, 'PI', source.payerId);
}

export function receiverSegment(receiver: EligibilityReceiver): OutSegment {
  return nm1('2100B', '1P', receiver.name, receiver.idQualifier, receiver.id);
}

export function traceSegment(loop: string, type: '1' | '2', t: EligibilityTrace): OutSegment {
  return seg(loop, 'TRN', type, t.number, t.originatorId, t.supplementalId);
}

/** The body (between ST and SE) of a 270: source, receiver, then one subscriber HL (and dependent HL) per inquiry. */
export function render270Body(tx: EligibilityRequest270): OutSegment[] {
  const out: OutSegment[] = [seg('BHT', 'BHT', '0022', '13', tx.reference, d8(tx.createdDate), tx.createdTime)];
  out.push(seg('2000A', 'HL', '1', undefined, '20', '1'));
  out.push(sourceSegment(tx.source));
  out.push(seg('2000B', 'HL', '2', '1', '21', tx.inquiries.length > 0 ? '1' : '0'));
  out.push(receiverSegment(tx.receiver));
  let hl = 2;
  for (const q of tx.inquiries) {
    const subscriberHl = ++hl;
    const d = q.dependent;
    out.push(seg('2000C', 'HL', String(subscriberHl), '2', '22', d ? '1' : '0'));
    if (!d) out.push(traceSegment('2000C', '1', q.trace));
    const s = q.subscriber;
    out.push(nm1('2100C', 'IL', s.name, 'MI', s.memberId));
    if (s.birthDate || s.gender) out.push(seg('2100C', 'DMG', 'D8', s.birthDate ? d8(s.birthDate) : undefined, s.gender));
    if (d) {
      out.push(seg('2000D', 'HL', String(++hl), String(subscriberHl), '23', '0'));
      out.push(traceSegment('2000D', '1', q.trace));
      out.push(nm1('2100D', '03', d.name));
      if (d.birthDate || d.gender) out.push(seg('2100D', 'DMG', 'D8', d.birthDate ? d8(d.birthDate) : undefined, d.gender));
      if (d.relationship) out.push(seg('2100D', 'INS', 'N', d.relationship));
    }
    const patientLoop = d ? 'D' : 'C';
    out.push(dtp(`2100${patientLoop}`, '291', q.serviceDate, q.serviceDateEnd));
    for (const code of q.serviceTypeCodes) out.push(seg(`2110${patientLoop}`, 'EQ', code));
  }
  return out;
}
