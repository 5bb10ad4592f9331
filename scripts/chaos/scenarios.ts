/**
 * The exams of the chaos run: the sandbox scenarios of DESIGN §4 over several payers, some with a
 * secondary coverage, each with what the scripted staff will do when its task comes up.
 */
export type ScenarioName =
  | 'paid'
  | 'paid-commercial'
  | 'paid-split'
  | 'prior-auth-staff'
  | 'inactive-self-pay'
  | 'inactive-cancel'
  | 'pareq'
  | 'padeny'
  | 'reject'
  | 'noresp'
  | 'deny197'
  | 'deny50'
  | 'partial'
  | 'secondary'
  | 'crossover';

export interface ExamSpec {
  index: number;
  scenario: ScenarioName;
  accessionNumber: string;
  intake: Record<string, unknown>;
  procedures: { cpt: string; units: number }[];
  /** what the biller does with a line denial (PARTIAL): a write-off or a corrected claim */
  partialAction?: 'write-off-request' | 'corrected-claim';
}

/** Weights out of 100: the mix of a busy imaging center's day, with every exceptional path present. */
const MIX: [ScenarioName, number][] = [
  ['paid', 22],
  ['paid-commercial', 8],
  ['paid-split', 4],
  ['prior-auth-staff', 5],
  ['inactive-self-pay', 6],
  ['inactive-cancel', 2],
  ['pareq', 7],
  ['padeny', 5],
  ['reject', 8],
  ['noresp', 6],
  ['deny197', 5],
  ['deny50', 5],
  ['partial', 7],
  ['secondary', 7],
  ['crossover', 3],
];

/** Spreads the scenarios evenly over n exams (every scenario appears once n reaches the number of scenarios). */
export function scenarioFor(index: number): ScenarioName {
  // a deterministic interleaving: scenario i takes the slots where its cumulative weight crosses
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const slot = (index * 37) % total;
  let acc = 0;
  for (const [name, weight] of MIX) {
    acc += weight;
    if (slot < acc) return name;
  }
  return 'paid';
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

export function examSpec(index: number, runTag: string, now: number): ExamSpec {
  // The first exams take each scenario once, so that a small run covers them all.
  const scenario = index < MIX.length ? MIX[index]![0] : scenarioFor(index);
  const id = pad(index);
  const member = (prefix: string) => `${prefix}-${runTag}${id}`;
  let coverages: Record<string, unknown>[] = [{ payerId: 'medicare-b', memberId: member('1EG4TE5MK'), relationship: 'self', order: 'primary' }];
  let procedures = [{ cpt: '72148', units: 1 }];
  let facility = { id: 'main', billingArrangement: 'global', placeOfService: '11' };
  switch (scenario) {
    case 'paid-commercial':
      coverages = [{ payerId: index % 2 ? 'commercial-a' : 'commercial-b', memberId: member('COM'), groupNumber: 'GRP100', relationship: 'self', order: 'primary' }];
      break;
    case 'paid-split':
      facility = { id: 'main', billingArrangement: 'split', placeOfService: '11' };
      break;
    case 'prior-auth-staff':
      coverages = [{ payerId: 'medicare-advantage', memberId: member('MA'), relationship: 'self', order: 'primary' }];
      break;
    case 'inactive-self-pay':
    case 'inactive-cancel':
      coverages[0]!.memberId = member('INACTIVE');
      break;
    case 'pareq':
      coverages = [{ payerId: 'medicare-advantage', memberId: member('PAREQ'), relationship: 'self', order: 'primary' }];
      break;
    case 'padeny':
      coverages = [{ payerId: 'medicare-advantage', memberId: member('PADENY'), relationship: 'self', order: 'primary' }];
      break;
    case 'reject':
      coverages[0]!.memberId = member('REJECT');
      break;
    case 'noresp':
      coverages[0]!.memberId = member('NORESP');
      break;
    case 'deny197':
      coverages[0]!.memberId = member('DENY197');
      break;
    case 'deny50':
      coverages[0]!.memberId = member('DENY50');
      break;
    case 'partial':
      coverages[0]!.memberId = member('PARTIAL');
      procedures = [{ cpt: '72148', units: 1 }, { cpt: '72141', units: 1 }];
      break;
    case 'secondary':
      coverages.push({ payerId: 'commercial-a', memberId: member('COMA'), relationship: 'self', order: 'secondary' });
      break;
    case 'crossover':
      coverages[0]!.memberId = member('XOVER');
      coverages.push({ payerId: 'medicaid', memberId: member('MCD'), relationship: 'self', order: 'secondary' });
      break;
    default:
      break;
  }
  const accessionNumber = `CHAOS-${runTag}-${id}`;
  return {
    index,
    scenario,
    accessionNumber,
    procedures,
    ...(scenario === 'partial' ? { partialAction: index % 2 ? 'corrected-claim' : 'write-off-request' } : {}),
    intake: {
      accessionNumber,
      facility,
      patient: {
        mrn: `MRN-${runTag}${id}`,
        firstName: 'Chaos',
        lastName: `Patient${String.fromCharCode(65 + (index % 26))}`,
        birthDate: '1961-04-12',
        sex: index % 2 ? 'M' : 'F',
        address: { line1: `${100 + (index % 900)} Main St`, city: 'Springfield', state: 'IL', postalCode: '62701' },
      },
      coverages,
      order: {
        orderingProviderNpi: '1234567893',
        modality: 'MR',
        procedures: procedures.map((p) => ({ cpt: p.cpt })),
        diagnoses: ['M54.16'],
        priority: 'routine',
        // two days ahead: the exam is performed "early", as walk-ins and same-day adds are
        scheduledAt: new Date(now + 2 * 86_400_000).toISOString(),
      },
    },
  };
}
