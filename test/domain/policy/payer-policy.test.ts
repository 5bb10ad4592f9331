import {
  DEFAULT_GLOBAL_CONFIG,
  GlobalConfigSchema,
  InvalidPayerPolicyError,
  PayerPolicySchema,
  findSeedPayerPolicy,
  SEED_PAYER_INPUTS,
  seedPayerPolicies,
  UnknownPayerError,
  addDuration,
  buildPayerPolicy,
  cptMatches,
  days,
  durationToMs,
  hours,
  seedPayerPolicy,
  timerDurations,
} from '../../../domain/policy';

describe('seed payers', () => {
  it('ships the six payers of the contract, each valid against the schema', () => {
    expect(seedPayerPolicies().map((p) => p.id)).toEqual([
      'medicare-b',
      'medicare-advantage',
      'medicaid',
      'commercial-a',
      'commercial-b',
      'self-pay',
    ]);
    for (const p of seedPayerPolicies()) expect(PayerPolicySchema.safeParse(p).success).toBe(true);
  });

  it.each([
    ['medicare-b', 'medicare', 'MB', 365, 0],
    ['medicare-advantage', 'medicare-advantage', '16', 180, 4],
    ['medicaid', 'medicaid', 'MC', 180, 4],
    ['commercial-a', 'commercial', 'CI', 90, 4],
    ['commercial-b', 'commercial', 'HM', 180, 3],
    ['self-pay', 'self-pay', '09', 365, 0],
  ] as const)('%s: type %s, SBR09 %s, files within %i days, %i PA modalities', (id, type, sbr09, filing, paModalities) => {
    const p = seedPayerPolicy(id);
    expect(p.payerType).toBe(type);
    expect(p.claimFilingIndicatorCode).toBe(sbr09);
    expect(p.timelyFiling.days).toBe(filing);
    expect(p.priorAuth.requiredModalities).toHaveLength(paModalities);
  });

  it('Medicare has five appeal levels starting with a 120-day redetermination', () => {
    const levels = seedPayerPolicy('medicare-b').appeals.levels;
    expect(levels.map((l) => l.filingWindowDays)).toEqual([120, 180, 60, 60, 60]);
    expect(levels[0]?.name).toBe('redetermination');
  });

  it('Medicare patient share default is the Part B deductible then 20 % coinsurance', () => {
    expect(seedPayerPolicy('medicare-b').patientShareDefaults).toEqual({ deductibleCents: 28_300, coinsurancePercent: 20, copayCents: 0 });
  });

  it('self-pay has no X12 id and no appeals', () => {
    const p = seedPayerPolicy('self-pay');
    expect(p.x12PayerId).toBeNull();
    expect(p.appeals.levels).toEqual([]);
  });

  it('unknown payer ids fail with a typed error', () => {
    expect(() => seedPayerPolicy('nope')).toThrow(UnknownPayerError);
    expect(findSeedPayerPolicy('nope')).toBeUndefined();
  });

  it('builds each seed once, on first use, the same as building it from its input', () => {
    for (const input of SEED_PAYER_INPUTS) {
      const found = findSeedPayerPolicy(input.id);
      expect(found).toEqual(buildPayerPolicy(input, DEFAULT_GLOBAL_CONFIG));
      expect(seedPayerPolicy(input.id)).toBe(found);
    }
    expect(seedPayerPolicies().map((p) => p.id)).toEqual(SEED_PAYER_INPUTS.map((i) => i.id));
  });
});

describe('buildPayerPolicy', () => {
  const identity = { id: 'acme-health', name: 'Acme Health', payerType: 'commercial', x12PayerId: 'ACME1', claimFilingIndicatorCode: 'CI' } as const;

  it('fills missing rules from the global defaults and keeps overrides section by section', () => {
    const p = buildPayerPolicy({ ...identity, timelyFiling: { days: 120 } }, DEFAULT_GLOBAL_CONFIG);
    expect(p.timelyFiling).toEqual({ days: 120, riskWarningDays: 30 });
    expect(p.followUp).toEqual(DEFAULT_GLOBAL_CONFIG.policyDefaults.followUp);
    expect(p.active).toBe(true);
  });

  it.each([
    ['a commercial payer without an X12 id', { ...identity, x12PayerId: null }, 'x12PayerId'],
    ['self-pay with a filing code other than 09', { ...identity, payerType: 'self-pay', x12PayerId: null }, 'claimFilingIndicatorCode'],
    ['Medicaid filing as commercial', { ...identity, payerType: 'medicaid' }, 'claimFilingIndicatorCode'],
    ['a second A/R escalation before the first', { ...identity, arEscalation: { firstDays: 120, secondDays: 90 } }, 'arEscalation.secondDays'],
    ['appeal levels out of order', { ...identity, appeals: { levels: [{ level: 2, name: 'x', filingWindowDays: 30 }] } }, 'appeals.levels'],
    ['a filing warning longer than the window', { ...identity, timelyFiling: { days: 30, riskWarningDays: 30 } }, 'timelyFiling.riskWarningDays'],
    ['decreasing report reminders', { ...identity, reportSignature: { reminderHours: [72, 24] } }, 'reportSignature.reminderHours'],
  ] as const)('rejects %s', (_label, input, path) => {
    try {
      buildPayerPolicy(input as never, DEFAULT_GLOBAL_CONFIG);
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidPayerPolicyError);
      expect((e as InvalidPayerPolicyError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('the default global config is itself valid', () => {
    expect(GlobalConfigSchema.safeParse(DEFAULT_GLOBAL_CONFIG).success).toBe(true);
  });
});

describe('timerDurations', () => {
  it('gives every lifecycle timer of Medicare as Temporal duration strings', () => {
    const t = timerDurations(seedPayerPolicy('medicare-b'));
    expect(t).toMatchObject({
      eligibilityReverifyWindow: '30 days',
      priorAuthResponseUrgent: '72 hours',
      priorAuthResponseStandard: '7 days',
      reportSignatureReminders: ['24 hours', '72 hours'],
      timelyFilingDeadline: '365 days',
      ack999Overdue: '2 days',
      ack277caOverdue: '5 days',
      firstStatusInquiry: '30 days',
      statusInquiryRepeat: '15 days',
      arEscalationFirst: '90 days',
      arEscalationSecond: '120 days',
      statementCycle: '30 days',
      collectionsReview: '90 days',
    });
    expect(t.appealWindows[0]).toEqual({ level: 1, name: 'redetermination', window: '120 days' });
    expect(t.taskDue['credit-balance-refund']).toBe('720 hours');
  });

  it('follows the payer: commercial-b checks status after 45 days', () => {
    expect(timerDurations(seedPayerPolicy('commercial-b')).firstStatusInquiry).toBe('45 days');
  });
});

describe('durations and instants', () => {
  it('converts hours and days and adds them to ISO instants', () => {
    expect(durationToMs(hours(72))).toBe(durationToMs(days(3)));
    expect(addDuration('2026-11-25T14:00:00Z', days(365))).toBe('2027-11-25T14:00:00.000Z');
    expect(addDuration('2026-11-25', hours(24))).toBe('2026-11-26T00:00:00.000Z');
  });

  it('refuses fractional or negative durations', () => {
    expect(() => days(1.5)).toThrow('invalid duration');
    expect(() => hours(-1)).toThrow('invalid duration');
  });

  it('matches CPT codes against codes and inclusive ranges', () => {
    expect(cptMatches({ from: '70450', to: '70470' }, '70460')).toBe(true);
    expect(cptMatches({ from: '70450', to: '70470' }, '70471')).toBe(false);
    expect(cptMatches('72148', '72148')).toBe(true);
  });
});
