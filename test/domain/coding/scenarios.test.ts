import type { Claim } from '../../../domain/coding/claim';
import { lineLabel, runScenario, type Scenario } from './scenario-harness';

const priorCtHead: Claim = {
  kind: 'global',
  billedBy: 'facility',
  form: '837P',
  placeOfService: '11',
  dateOfService: '2025-03-10',
  lines: [{ lineNumber: 1, cpt: '70450', modifiers: [], units: 1, chargeCents: 31600, diagnosisPointers: [1] }],
  diagnoses: ['S06.0X0A'],
};

const SCENARIOS: Scenario[] = [
  // --- Components by billing arrangement and place of service ---
  {
    name: 'CT head without contrast, imaging center (POS 11), global, Medicare: one clean global 837P',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '70450' }], report: ['S06.0X0A'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', billedBy: 'facility', lines: ['70450'] }], charges: [31600] },
  },
  {
    name: 'CT head, imaging center with reading group (split), Medicare: TC on 837P by the center, 26 by the group',
    payer: 'medicare-b', arrangement: 'split', pos: '11', procedures: [{ cpt: '70450' }], report: ['S06.0X0A'],
    expect: {
      clean: true,
      claims: [
        { kind: 'technical', form: '837P', billedBy: 'facility', lines: ['70450-TC'] },
        { kind: 'professional', form: '837P', billedBy: 'reading-group', lines: ['70450-26'] },
      ],
    },
  },
  {
    name: 'CT head, on-campus outpatient hospital (POS 22), split, commercial: technical on 837I without TC',
    payer: 'commercial-a', arrangement: 'split', pos: '22', procedures: [{ cpt: '70450' }], report: ['R51.9'],
    expect: {
      clean: true,
      claims: [
        { kind: 'technical', form: '837I', billedBy: 'facility', lines: ['70450'] },
        { kind: 'professional', form: '837P', billedBy: 'reading-group', lines: ['70450-26'] },
      ],
    },
  },
  {
    name: 'CT head, off-campus hospital department (POS 19) set up as global: split into 837I technical and 837P professional',
    payer: 'medicare-b', arrangement: 'global', pos: '19', procedures: [{ cpt: '70450' }], report: ['R51.9'],
    expect: {
      coding: ['GLOBAL_SPLIT_FOR_HOSPITAL'],
      claims: [
        { kind: 'technical', form: '837I', billedBy: 'facility', lines: ['70450'] },
        { kind: 'professional', form: '837P', billedBy: 'facility', lines: ['70450-26'] },
      ],
    },
  },
  {
    name: 'MRI lumbar spine read for a hospital (professional arrangement, POS 22), Medicare: 26 only',
    payer: 'medicare-b', arrangement: 'professional', pos: '22', procedures: [{ cpt: '72148' }], report: ['M54.16'],
    expect: { clean: true, claims: [{ kind: 'professional', form: '837P', billedBy: 'reading-group', lines: ['72148-26'] }] },
  },
  {
    name: 'MRI lumbar spine at an IDTF billing technical only (POS 11), commercial: TC on 837P',
    payer: 'commercial-a', arrangement: 'technical', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837P', billedBy: 'facility', lines: ['72148-TC'] }] },
  },
  {
    name: 'MRI lumbar spine, hospital that bills institutionally, technical arrangement, Medicare: 837I',
    payer: 'medicare-b', arrangement: 'technical', pos: '11', billsInstitutionally: true, procedures: [{ cpt: '72148' }], report: ['M54.16'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837I', billedBy: 'facility', lines: ['72148'] }] },
  },
  {
    name: 'Trabecular bone score (technical-only 77090 and professional-only 77092), split, Medicare: each on its own claim',
    payer: 'medicare-b', arrangement: 'split', pos: '11', procedures: [{ cpt: '77090' }, { cpt: '77092' }], report: ['M81.0'],
    expect: {
      clean: true,
      claims: [
        { kind: 'technical', form: '837P', lines: ['77090'] },
        { kind: 'professional', form: '837P', lines: ['77092'] },
      ],
    },
  },
  {
    name: 'Trabecular bone score under a professional-only arrangement: the technical-only code is not billed',
    payer: 'medicare-b', arrangement: 'professional', pos: '22', procedures: [{ cpt: '77090' }, { cpt: '77092' }], report: ['M81.0'],
    expect: { coding: ['NOT_BILLED_BY_ARRANGEMENT'], claims: [{ kind: 'professional', form: '837P', lines: ['77092'] }] },
  },
  {
    name: 'Emergency room head CT (POS 23) read by the group, professional arrangement, Medicare Advantage',
    payer: 'medicare-advantage', arrangement: 'professional', pos: '23', procedures: [{ cpt: '70450' }], report: ['S06.0X0A'],
    expect: { clean: true, claims: [{ kind: 'professional', form: '837P', lines: ['70450-26'] }] },
  },
  {
    name: 'Inpatient chest CT (POS 21), split arrangement, Medicaid: the technical service is left to the Part A inpatient claim, the -26 is billed',
    payer: 'medicaid', arrangement: 'split', pos: '21', procedures: [{ cpt: '71250' }], report: ['R91.1'],
    expect: { clean: true, coding: ['INPATIENT_TECHNICAL_NOT_BILLED'], claims: [{ kind: 'professional', form: '837P', lines: ['71250-26'] }] },
  },
  {
    name: 'Component modifiers sent by the RIS are replaced by the arrangement rules',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148', modifiers: ['26'] }], report: ['M54.16'],
    expect: { coding: ['COMPONENT_MODIFIER_IGNORED'], claims: [{ kind: 'global', form: '837P', lines: ['72148'] }] },
  },

  // --- Same-session combinations and contrast ---
  {
    name: 'MRI lumbar spine without and with contrast sent as two codes: combined into 72158',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '72148' }, { cpt: '72149' }], report: ['M54.16'],
    expect: { coding: ['CODES_COMBINED'], claims: [{ kind: 'global', form: '837P', lines: ['72158'] }] },
  },
  {
    name: 'CT head without then with contrast sent as 70450 + 70460: combined into 70470',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '70450' }, { cpt: '70460' }], report: ['C71.9'],
    expect: { coding: ['CODES_COMBINED'], claims: [{ kind: 'global', form: '837P', lines: ['70470'] }] },
  },
  {
    name: 'MRI brain without and with (70551 + 70552), split: 70553-TC and 70553-26',
    payer: 'medicare-b', arrangement: 'split', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '70551' }, { cpt: '70552' }], report: ['G35'],
    expect: { claims: [{ kind: 'technical', form: '837P', lines: ['70553-TC'] }, { kind: 'professional', form: '837P', lines: ['70553-26'] }] },
  },
  {
    name: 'CT abdomen and CT pelvis without contrast: 74176',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '74150' }, { cpt: '72192' }], report: ['N20.0'],
    expect: { coding: ['CODES_COMBINED'], claims: [{ kind: 'global', form: '837P', lines: ['74176'] }] },
  },
  {
    name: 'CT abdomen and CT pelvis with contrast: 74177',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'with', procedures: [{ cpt: '74160' }, { cpt: '72193' }], report: ['K35.80'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['74177'] }] },
  },
  {
    name: 'CT abdomen without and pelvis with contrast: 74178',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '74150' }, { cpt: '72193' }], report: ['C18.9'],
    expect: { claims: [{ kind: 'global', form: '837P', lines: ['74178'] }] },
  },
  {
    name: 'CT abdomen and pelvis both without then with: 74170 + 72194 become 74178',
    payer: 'medicare-b', arrangement: 'split', pos: '22', contrast: 'without-and-with', procedures: [{ cpt: '74170' }, { cpt: '72194' }], report: ['C18.9'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837I', lines: ['74178'] }, { kind: 'professional', form: '837P', lines: ['74178-26'] }] },
  },
  {
    name: 'CT chest without and with (71250 + 71260): 71270',
    payer: 'medicaid', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '71250' }, { cpt: '71260' }], report: ['C34.11'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['71270'] }] },
  },
  {
    name: 'CT right leg without and with (73700 + 73701, RT): 73702-RT',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '73700', laterality: 'RT' }, { cpt: '73701', laterality: 'RT' }], report: ['S82.91XA'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['73702-RT'] }] },
  },
  {
    name: 'CT of the right and the left leg are not combined across sides',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '73700', laterality: 'RT' }, { cpt: '73701', laterality: 'LT' }], report: ['S82.91XA'],
    expect: { claims: [{ kind: 'global', form: '837P', lines: ['73700-RT', '73701-LT'] }] },
  },
  {
    name: 'Contrast CT head coded but the exam records no contrast: error for the coder',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'none', procedures: [{ cpt: '70460' }], report: ['R51.9'],
    expect: { coding: ['CONTRAST_MISMATCH'], claims: [{ kind: 'global', form: '837P', lines: ['70460'] }] },
  },
  {
    name: 'Exam without and with contrast but only the with-contrast lumbar MRI coded: an error for the coder (the code billed may change)',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '72149' }], report: ['M54.16'],
    expect: { coding: ['CONTRAST_MISMATCH'], clean: false },
  },

  // --- NCCI pairs and distinct-service modifiers ---
  {
    name: 'Non-contrast head CT in the morning and a without-then-with head CT later (separate encounter), Medicare: XE',
    payer: 'medicare-b', arrangement: 'global', pos: '23', contrast: 'without-and-with', procedures: [{ cpt: '70470' }, { cpt: '70450', distinct: 'separate-encounter' }], report: ['I63.9'],
    expect: {
      clean: true, coding: ['DISTINCT_MODIFIER_ADDED'],
      claims: [{ kind: 'technical', form: '837I', lines: ['70470', '70450-XE'] }, { kind: 'professional', form: '837P', lines: ['70470-26', '70450-26-XE'] }],
    },
  },
  {
    name: 'Same two head CTs without documentation of a separate encounter: NCCI edit needs a modifier',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '70470' }, { cpt: '70450' }], report: ['I63.9'],
    expect: { scrub: ['NCCI_PTP_MODIFIER_REQUIRED'], claims: [{ kind: 'global', form: '837P', lines: ['70470', '70450'] }] },
  },
  {
    name: 'Separate-encounter head CTs for a commercial payer: 59',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '70470' }, { cpt: '70450', distinct: 'separate-encounter' }], report: ['I63.9'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['70470', '70450-59'] }] },
  },
  {
    name: 'CT abdomen/pelvis with contrast and a separate non-contrast CT abdomen for a stone later the same day, Medicare: XE',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'with', procedures: [{ cpt: '74177' }, { cpt: '74150', distinct: 'separate-encounter' }], report: ['R10.31', 'N20.0'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['74177', '74150-XE'] }] },
  },
  {
    name: 'Separate-site documentation for Medicaid: XS on the column 2 code',
    payer: 'medicaid', arrangement: 'global', pos: '11', procedures: [{ cpt: '71046' }, { cpt: '71045', distinct: 'separate-site' }], report: ['J18.9'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['71046', '71045-XS'] }] },
  },
  {
    name: 'Bilateral and unilateral diagnostic mammogram on one date: modifier indicator 0, no bypass',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77066' }, { cpt: '77065', laterality: 'LT' }], report: ['N63.20'],
    expect: { scrub: ['NCCI_PTP_NOT_ALLOWED'] },
  },
  {
    name: 'Indicator 0 pair with a documented separate site still cannot be bypassed',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '76700' }, { cpt: '76705', distinct: 'separate-site' }], report: ['R10.11'],
    expect: { scrub: ['NCCI_PTP_NOT_ALLOWED'], claims: [{ kind: 'global', form: '837P', lines: ['76700', '76705'] }] },
  },
  {
    name: 'CT angiogram of the chest with a separate non-contrast chest CT line and no distinct facts',
    payer: 'medicare-b', arrangement: 'global', pos: '11', contrast: 'with', procedures: [{ cpt: '71275' }, { cpt: '71250' }], report: ['I26.99'],
    expect: { scrub: ['NCCI_PTP_MODIFIER_REQUIRED'] },
  },
  {
    name: 'Four-view right knee and two-view right knee x-ray: same knee, bundled',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73564', laterality: 'RT' }, { cpt: '73560', laterality: 'RT' }], report: ['M25.561'],
    expect: { scrub: ['NCCI_PTP_MODIFIER_REQUIRED'] },
  },
  {
    name: 'Four-view right knee and two-view left knee x-ray: different sides bypass the edit',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73564', laterality: 'RT' }, { cpt: '73560', laterality: 'LT' }], report: ['M25.561', 'M25.562'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['73564-RT', '73560-LT'] }] },
  },
  {
    name: 'Complete left and limited right breast ultrasound: sides bypass the edit',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '76641', laterality: 'LT' }, { cpt: '76642', laterality: 'RT' }], report: ['N63.20', 'N63.10'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['76641-LT', '76642-RT'] }] },
  },
  {
    name: 'PET/CT skull base to mid-thigh with a PET-only line: indicator 0',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '78815' }, { cpt: '78812' }], report: ['C34.11'],
    chargemaster: { prices: { '78815': 450000, '78812': 350000 } },
    expect: { scrub: ['NCCI_PTP_NOT_ALLOWED'] },
  },

  // --- Laterality and bilateral ---
  {
    name: 'MRI right knee for a meniscus tear, global, commercial',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73721', laterality: 'RT' }], report: ['M23.221'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['73721-RT'] }] },
  },
  {
    name: 'MRI of both knees: one line with 50 and one unit, charge for both sides',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '73721', laterality: 'bilateral', units: 2 }], report: ['M25.561', 'M25.562'],
    expect: { clean: true, coding: ['BILATERAL_UNITS'], claims: [{ kind: 'global', form: '837P', lines: ['73721-50'] }], charges: [120200] },
  },
  {
    name: 'Knee x-ray three views both knees: 73562-50',
    payer: 'medicaid', arrangement: 'global', pos: '11', procedures: [{ cpt: '73562', laterality: '50' }], report: ['M17.0'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['73562-50'] }] },
  },
  {
    name: 'Left and right foot x-rays on two lines',
    payer: 'commercial-a', arrangement: 'split', pos: '11', procedures: [{ cpt: '73630', laterality: 'LT' }, { cpt: '73630', laterality: 'RT' }], report: ['M79.671', 'M79.672'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837P', lines: ['73630-TC-LT', '73630-TC-RT'] }, { kind: 'professional', form: '837P', lines: ['73630-26-LT', '73630-26-RT'] }] },
  },
  {
    name: 'Unilateral diagnostic mammogram requested for both breasts: coded as the bilateral 77066',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77065', laterality: 'bilateral' }], report: ['R92.8'],
    expect: { clean: true, coding: ['BILATERAL_CODE_USED'], claims: [{ kind: 'global', form: '837P', lines: ['77066'] }] },
  },
  {
    name: 'Hip x-ray one side (bilateral indicator 0) requested bilateral: error, use the bilateral code',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73502', laterality: 'bilateral' }], report: ['M25.551'],
    expect: { coding: ['BILATERAL_NOT_ALLOWED'] },
  },
  {
    name: 'Screening mammogram sent with LT: the side is left off (bilateral indicator 2)',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77067', laterality: 'LT' }], report: ['Z12.31'],
    expect: { clean: true, coding: ['LATERALITY_NOT_APPLICABLE'], claims: [{ kind: 'global', form: '837P', lines: ['77067'] }] },
  },

  // --- Mammography ---
  {
    name: 'Screening mammogram with tomosynthesis, Medicare, Z12.31: clean',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77067' }, { cpt: '77063' }], report: ['Z12.31'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['77067', '77063'] }] },
  },
  {
    name: 'Screening then diagnostic mammogram the same day: GG on the diagnostic study, pointers split',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77067' }, { cpt: '77065', laterality: 'LT' }], report: ['Z12.31', 'N63.20'],
    expect: { clean: true, coding: ['MAMMOGRAPHY_GG_ADDED'], claims: [{ kind: 'global', form: '837P', lines: ['77067', '77065-LT-GG'] }], pointers: [[1], [2]] },
  },
  {
    name: 'Screening mammogram coded for a palpable lump: diagnosis does not support screening',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77067' }], report: ['N63.10'],
    expect: { scrub: ['DX_NOT_SUPPORTED'] },
  },
  {
    name: 'Diagnostic bilateral mammogram with only the screening diagnosis: not supported (commercial)',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '77066' }], report: ['Z12.31'],
    expect: { scrub: ['DX_NOT_SUPPORTED'] },
  },
  {
    name: 'Screening tomosynthesis without the screening mammogram: add-on without primary',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77063' }], report: ['Z12.31'],
    expect: { scrub: ['ADD_ON_WITHOUT_PRIMARY'] },
  },
  {
    name: 'Diagnostic mammogram with diagnostic tomosynthesis (G0279) for a history of breast cancer, split',
    payer: 'medicare-b', arrangement: 'split', pos: '11', procedures: [{ cpt: '77066' }, { cpt: 'G0279' }], report: ['Z85.3'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837P', lines: ['77066-TC', 'G0279-TC'] }, { kind: 'professional', form: '837P', lines: ['77066-26', 'G0279-26'] }] },
  },

  // --- Medical necessity and ABN ---
  {
    name: 'Chest CT for a lung nodule, Medicare: supported',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250' }], report: ['R91.1'],
    expect: { clean: true },
  },
  {
    name: 'Chest CT for low back pain, Medicare, no ABN: error with GZ/GA advice',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250' }], report: ['M54.50'],
    expect: { scrub: ['DX_NOT_SUPPORTED'] },
  },
  {
    name: 'Chest CT for low back pain, Medicare, signed ABN on file: GA added automatically',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250' }], report: ['M54.50'], abn: { signed: true, cpts: ['71250'] },
    expect: { clean: true, fixed: ['ABN_GA_ADDED'], claims: [{ kind: 'global', form: '837P', lines: ['71250-GA'] }] },
  },
  {
    name: 'Chest CT for low back pain billed with GZ (no ABN): expected denial, no error',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250', modifiers: ['GZ'] }], report: ['M54.50'],
    expect: { clean: true, scrub: ['NOT_MEDICALLY_NECESSARY_BILLED'] },
  },
  {
    name: 'GA on the line but no ABN on file: error',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250', modifiers: ['GA'] }], report: ['M54.50'],
    expect: { scrub: ['ABN_NOT_ON_FILE'] },
  },
  {
    name: 'Chest CT for low back pain, commercial payer: not supported (no ABN logic)',
    payer: 'commercial-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71250' }], report: ['M54.50'], abn: { signed: true },
    expect: { scrub: ['DX_NOT_SUPPORTED'] },
  },
  {
    name: 'Head CT where the report lists hypertension only and the order says headache: order diagnosis kept and pointed',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '70450' }], report: ['I10'], order: ['R51.9'],
    expect: { clean: true, diagnoses: ['I10', 'R51.9'], pointers: [[2]] },
  },
  {
    name: 'Normal knee MRI report without diagnoses: the order diagnoses are used (warning)',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73721', laterality: 'LT' }], report: [], order: ['M25.562'],
    expect: { clean: true, coding: ['DX_FROM_ORDER'], diagnoses: ['M25.562'] },
  },
  {
    name: 'PET/CT for lung cancer staging, Medicare, priced from the chargemaster (PFS status C)',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '78815' }, { cpt: 'A9552' }], report: ['C34.11'],
    chargemaster: { prices: { '78815': 450000, A9552: 90000 } },
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['78815', 'A9552'] }], charges: [450000, 90000] },
  },
  {
    name: 'PET/CT without a chargemaster price: the contractor-priced code cannot be charged',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '78815' }], report: ['C34.11'],
    expect: { coding: ['CHARGE_MISSING'], scrub: ['CHARGE_INVALID'] },
  },
  {
    name: 'PET/CT split with a chargemaster listing only the technical price: professional priced by default with a warning',
    payer: 'medicare-b', arrangement: 'split', pos: '11', procedures: [{ cpt: '78815' }], report: ['C34.11'],
    chargemaster: { prices: { '78815-TC': 400000 } },
    expect: { clean: true, coding: ['CHARGE_DEFAULTED'], claims: [{ kind: 'technical', form: '837P', lines: ['78815-TC'] }, { kind: 'professional', form: '837P', lines: ['78815-26'] }] },
  },
  {
    name: 'Low-dose CT lung screening for a former smoker, Medicare',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71271' }], report: ['Z87.891'],
    expect: { clean: true },
  },

  // --- Units, repeats, MUE ---
  {
    name: 'Portable chest x-ray repeated after line placement (same radiologist): 76 on the second line',
    payer: 'medicare-b', arrangement: 'professional', pos: '21', procedures: [{ cpt: '71045' }, { cpt: '71045', repeat: 'same-physician' }], report: ['J18.9'],
    expect: { clean: true, claims: [{ kind: 'professional', form: '837P', lines: ['71045-26', '71045-26-76'] }] },
  },
  {
    name: 'The same chest x-ray sent twice without a repeat flag: duplicate line',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '71046' }, { cpt: '71046' }], report: ['J18.9'],
    expect: { scrub: ['DUPLICATE_LINE'] },
  },
  {
    name: 'Head CT with 3 units: above the clinical date-of-service MUE of 2',
    payer: 'medicare-b', arrangement: 'global', pos: '23', procedures: [{ cpt: '70450', units: 3 }], report: ['S06.0X0A'],
    expect: { scrub: ['MUE_DOS_CLINICAL_EXCEEDED'] },
  },
  {
    name: 'Screening mammogram with 2 units: above the policy MUE of 1',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '77067', units: 2 }], report: ['Z12.31'],
    expect: { scrub: ['MUE_DOS_POLICY_EXCEEDED'] },
  },
  {
    name: 'Two FDG doses on one line: above the per-line MUE',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '78815' }, { cpt: 'A9552', units: 2 }], report: ['C34.11'],
    chargemaster: { prices: { '78815': 450000, A9552: 90000 } },
    expect: { scrub: ['MUE_LINE_EXCEEDED'] },
  },
  {
    name: 'Lumbar MRI stopped early (patient could not tolerate): 52',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148', reduced: true }], report: ['M54.16'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['72148-52'] }] },
  },
  {
    name: 'Repeat knee x-ray by another radiologist: 77',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '73560', laterality: 'RT' }, { cpt: '73560', laterality: 'RT', repeat: 'other-physician' }], report: ['S82.91XA'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['73560-RT', '73560-RT-77'] }] },
  },

  // --- Diagnoses ---
  {
    name: 'Lumbar MRI with a category code (M54.1) and a billable code: the category is dropped with an error',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.1', 'M54.50'],
    expect: { coding: ['ICD10_NOT_BILLABLE'], diagnoses: ['M54.50'] },
  },
  {
    name: 'Diagnosis that is not an ICD-10-CM code: error, remaining code used',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '70450' }], report: ['X99.999', 'R51.9'],
    expect: { coding: ['ICD10_INVALID'], diagnoses: ['R51.9'] },
  },
  {
    name: 'Dotless diagnosis codes from the RIS are accepted and dotted',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M5416'],
    expect: { clean: true, diagnoses: ['M54.16'] },
  },
  {
    name: 'No valid diagnosis at all: the claim cannot go',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54'],
    expect: { coding: ['DX_MISSING'], scrub: ['DX_MISSING'] },
  },
  {
    name: 'Fourteen documented diagnoses: the claim keeps twelve',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '74177' }], contrast: 'with',
    report: ['R10.31', 'R10.32', 'R10.11', 'R10.12', 'R10.13', 'R10.2', 'R10.33', 'R10.84', 'R11.0', 'R11.10', 'R11.2', 'R19.7', 'R50.9', 'R63.4'],
    expect: { coding: ['DX_TRUNCATED'], clean: true },
  },

  // --- Claim-level requirements ---
  {
    name: 'Ordering provider NPI fails the check digit',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], orderingNpi: '1234567890',
    expect: { scrub: ['ORDERING_NPI_INVALID'] },
  },
  {
    name: 'Ordering provider NPI missing',
    payer: 'medicaid', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], orderingNpi: null,
    expect: { scrub: ['ORDERING_NPI_MISSING'] },
  },
  {
    name: 'Unknown place of service',
    payer: 'commercial-a', arrangement: 'global', pos: '77', procedures: [{ cpt: '72148' }], report: ['M54.16'],
    expect: { coding: ['POS_INVALID'], scrub: ['POS_INVALID'] },
  },
  {
    name: 'Medicare claim filed 14 months after the exam: timely filing expired',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], dos: '2024-12-02', today: '2026-02-10',
    expect: { scrub: ['TIMELY_FILING_EXPIRED'] },
  },
  {
    name: 'Commercial 90-day limit with 12 days left: warning',
    payer: 'commercial-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], dos: '2025-01-01', today: '2025-03-20',
    expect: { clean: true, scrub: ['TIMELY_FILING_NEAR'] },
  },
  {
    name: 'Date of service after the scrub date',
    payer: 'commercial-a', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], dos: '2025-04-01', today: '2025-03-20',
    expect: { scrub: ['DOS_IN_FUTURE'] },
  },
  {
    name: 'A 2026 date of service with only FY2025 ICD-10-CM and PFS 2025 loaded: code set not current',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '72148' }], report: ['M54.16'], dos: '2026-01-12', today: '2026-01-20',
    expect: { clean: true, coding: ['REFDATA_NOT_CURRENT'], scrub: ['REFDATA_NOT_CURRENT'] },
  },
  {
    name: 'The same head CT claim was already billed: duplicate claim',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '70450' }], report: ['S06.0X0A'], earlierClaims: [priorCtHead],
    expect: { scrub: ['DUPLICATE_CLAIM'] },
  },
  {
    name: 'A head CT already billed on another claim of the date, now with a chest x-ray: duplicate service warning',
    payer: 'medicare-b', arrangement: 'global', pos: '11', procedures: [{ cpt: '70450' }, { cpt: '71046' }], report: ['S06.0X0A', 'R07.89'], earlierClaims: [priorCtHead],
    expect: { scrub: ['DUPLICATE_SERVICE'] },
  },
  {
    name: 'Abdominal ultrasound for right upper quadrant pain, split, Medicare Advantage',
    payer: 'medicare-advantage', arrangement: 'split', pos: '11', procedures: [{ cpt: '76700' }], report: ['R10.11'],
    expect: { clean: true, claims: [{ kind: 'technical', form: '837P', lines: ['76700-TC'] }, { kind: 'professional', form: '837P', lines: ['76700-26'] }] },
  },
  {
    name: 'Brain MRI without and with for multiple sclerosis follow-up, commercial, global',
    payer: 'commercial-a', arrangement: 'global', pos: '11', contrast: 'without-and-with', procedures: [{ cpt: '70553' }], report: ['G35'],
    expect: { clean: true, claims: [{ kind: 'global', form: '837P', lines: ['70553'] }] },
  },
];

describe('imaging coding and scrubbing scenarios', () => {
  it('has at least 60 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const { coding, scrubbed } = runScenario(scenario);
    const e = scenario.expect;
    const codingCodes = coding.findings.map((f) => f.code);
    const scrubCodes = scrubbed.flatMap((r) => r.findings.map((f) => f.code));
    const fixedCodes = scrubbed.flatMap((r) => r.autoFixed.map((f) => f.code));
    for (const code of e.coding ?? []) expect(codingCodes).toContain(code);
    for (const code of e.scrub ?? []) expect(scrubCodes).toContain(code);
    for (const code of e.fixed ?? []) expect(fixedCodes).toContain(code);
    if (e.clean) {
      const errors = [...coding.findings, ...scrubbed.flatMap((r) => r.findings)].filter((f) => f.severity === 'error');
      expect(errors).toEqual([]);
    } else if (e.clean === undefined && (e.coding ?? []).length + (e.scrub ?? []).length > 0) {
      // a scenario that expects a problem expects at least one of them to be an error or a named warning
      expect(codingCodes.length + scrubCodes.length).toBeGreaterThan(0);
    }
    if (e.claims) {
      expect(
        scrubbed.map((r) => ({ kind: r.claim.kind, form: r.claim.form, ...(e.claims?.some((c) => c.billedBy) ? { billedBy: r.claim.billedBy } : {}), lines: r.claim.lines.map(lineLabel) })),
      ).toEqual(e.claims.map((c) => ({ kind: c.kind, form: c.form, ...(e.claims?.some((x) => x.billedBy) ? { billedBy: c.billedBy } : {}), lines: c.lines })));
    }
    const first = scrubbed[0]?.claim;
    if (e.diagnoses) expect(first?.diagnoses).toEqual(e.diagnoses);
    if (e.pointers) expect(first?.lines.map((l) => l.diagnosisPointers)).toEqual(e.pointers);
    if (e.charges) expect(first?.lines.map((l) => l.chargeCents)).toEqual(e.charges);
    // Every message is free of patient data: it never carries a name, birth date or member id (none are inputs), and
    // every finding says where and how to fix.
    for (const f of [...coding.findings, ...scrubbed.flatMap((r) => [...r.findings, ...r.autoFixed])]) {
      expect(f.field).not.toBe('');
      expect(f.fix).not.toBe('');
    }
  });
});
