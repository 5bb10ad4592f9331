/** An X12 file split into segments, each with the loop it belongs to (837P/837I and envelopes). */
export interface Segment {
  index: number;
  id: string;
  elements: string[];
  loop: string;
  name: string;
}

const NAMES: Record<string, string> = {
  ISA: 'Interchange header', IEA: 'Interchange trailer', GS: 'Functional group header', GE: 'Functional group trailer',
  ST: 'Transaction set header', SE: 'Transaction set trailer', BHT: 'Beginning of hierarchical transaction', HL: 'Hierarchical level',
  NM1: 'Name', N3: 'Address', N4: 'City, state, ZIP', PER: 'Contact', REF: 'Reference', PRV: 'Provider specialty', SBR: 'Subscriber information',
  DMG: 'Demographics', PAT: 'Patient information', CLM: 'Claim information', DTP: 'Date or period', HI: 'Diagnosis / health care codes',
  LX: 'Service line number', SV1: 'Professional service', SV2: 'Institutional service', CL1: 'Institutional claim code', AMT: 'Amount',
  CAS: 'Claim adjustment', OI: 'Other insurance coverage', MOA: 'Outpatient adjudication', SVD: 'Line adjudication', PWK: 'Attachment',
  NTE: 'Note', CN1: 'Contract information', K3: 'File information', CRC: 'Conditions indicator', QTY: 'Quantity', LIN: 'Drug identification',
};

const NM1_LOOPS: Record<string, string> = {
  '41': '1000A Submitter', '40': '1000B Receiver', '85': '2010AA Billing provider', '87': '2010AB Pay-to address',
  IL: '2010BA Subscriber', PR: '2010BB Payer', QC: '2010CA Patient', DN: '2310A Referring provider', '71': '2310A Attending provider',
  '82': '2310B Rendering provider', '77': '2310C Service facility', DQ: '2310D Supervising provider', '72': '2310B Operating physician',
};
const HL_LOOPS: Record<string, string> = { '20': '2000A Billing provider', '22': '2000B Subscriber', '23': '2000C Patient' };

/** Splits the file with the separators its ISA declares (element: 4th character; segment: 106th). */
export function segmentsOf(raw: string): Segment[] {
  const text = raw.replace(/^\uFEFF/, '');
  if (!text.startsWith('ISA') || text.length < 106) {
    return text.split(/~\s*/).filter(Boolean).map((s, index) => ({ index, id: s.split('*')[0] ?? '', elements: s.split('*').slice(1), loop: '', name: '' }));
  }
  const elementSep = text[3]!;
  const segmentSep = text[105]!;
  const parts = text.split(segmentSep).map((s) => s.replace(/^[\r\n]+/, '')).filter((s) => s.trim() !== '');
  let loop = 'Envelope';
  let afterClaim = false;
  return parts.map((s, index) => {
    const [id = '', ...elements] = s.split(elementSep);
    switch (id) {
      case 'ISA': case 'GS': case 'GE': case 'IEA': loop = 'Envelope'; break;
      case 'ST': case 'BHT': loop = 'Header'; afterClaim = false; break;
      case 'SE': loop = 'Trailer'; break;
      case 'HL': loop = HL_LOOPS[elements[2] ?? ''] ?? `2000 Level ${elements[2] ?? ''}`; afterClaim = false; break;
      case 'CLM': loop = '2300 Claim'; afterClaim = true; break;
      case 'SBR': if (afterClaim) loop = '2320 Other subscriber'; break;
      case 'LX': loop = '2400 Service line'; break;
      case 'NM1': {
        const code = elements[0] ?? '';
        if (afterClaim && loop.startsWith('2320') && code !== '82' && code !== '77') loop = code === 'PR' ? '2330B Other payer' : '2330A Other subscriber';
        else if (loop.startsWith('2400') && NM1_LOOPS[code]?.startsWith('2310')) loop = `24${NM1_LOOPS[code]!.slice(2)}`.replace(/^2410/, '2420');
        else loop = NM1_LOOPS[code] ?? loop;
        break;
      }
      default: break;
    }
    return { index, id, elements, loop, name: NAMES[id] ?? '' };
  });
}

/** The segments grouped by consecutive loop, for display. */
export function loopsOf(segments: Segment[]): { loop: string; segments: Segment[] }[] {
  const out: { loop: string; segments: Segment[] }[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.loop === s.loop) last.segments.push(s);
    else out.push({ loop: s.loop, segments: [s] });
  }
  return out;
}
