import type { GlobalConfig } from './global-config';
import { IMAGING_CPT_FAMILIES } from './imaging-cpt-families';

/** Defaults for any payer that does not say otherwise. Values are typical for US outpatient imaging. */
export const DEFAULT_GLOBAL_CONFIG: GlobalConfig = {
  selfPayPayerId: 'self-pay',
  policyDefaults: {
    // Commercial contracts most often give 90 to 180 days; 180 is the common middle.
    timelyFiling: { days: 180, riskWarningDays: 30 },
    priorAuth: {
      requiredModalities: ['CT', 'MR', 'PET', 'NM'],
      requiredCpts: [],
      // Screening mammography and low-dose CT lung screening are preventive: no authorization.
      exemptCpts: [{ from: '77065', to: '77067' }, '71271'],
      cptFamilies: [...IMAGING_CPT_FAMILIES],
      matchWithinFamily: false,
      // Expedited determinations: 72 hours; standard: 7 calendar days (CMS-0057 timeframes).
      urgentResponseHours: 72,
      standardResponseDays: 7,
    },
    eligibility: { reverifyWindowDays: 30 },
    // Clearinghouses return a 999 within a business day or two, the payer's 277CA within a few days.
    acknowledgments: { ack999OverdueDays: 2, ack277caOverdueDays: 5 },
    // Clean electronic claims are paid in 14-30 days; chase at 30, then every 15.
    followUp: { firstStatusInquiryDays: 30, repeatEveryDays: 15 },
    arEscalation: { firstDays: 90, secondDays: 120 },
    appeals: {
      levels: [
        { level: 1, name: 'first-level appeal', filingWindowDays: 180 },
        { level: 2, name: 'second-level appeal', filingWindowDays: 60 },
      ],
      warningDaysBefore: 14,
    },
    patientStatements: { cycleDays: 30, collectionsReviewAfterDays: 90, smallBalanceWriteOffCents: 500 },
    patientShareDefaults: { deductibleCents: 0, coinsurancePercent: 20, copayCents: 0 },
    scheduling: { noShowDays: 2 },
    reportSignature: { reminderHours: [24, 72], escalateDaysBeforeFilingDeadline: 30 },
    taskDueHours: {
      'registration-fix': 24,
      'eligibility-review': 24,
      'prior-auth-obtain': 72,
      'prior-auth-mismatch': 48,
      'report-signature-overdue': 24,
      'coding-review': 48,
      'claim-rejected': 48,
      'timely-filing-risk': 72,
      'claim-follow-up': 120,
      'ar-escalation': 168,
      'denial-work': 240,
      'write-off-approval': 72,
      'patient-balance-review': 168,
      'remittance-unmatched': 48,
      // Overpayments identified must be returned within 60 days (Medicare 60-day rule); aim for 30.
      'credit-balance-refund': 720,
      // Payers accept payment disputes for a limited time; a shortfall is reviewed within ten days.
      'underpayment-review': 240,
      // Exceptions that stop an exam's progress: a person looks at them within a working day or two.
      'no-show-review': 24,
      'claim-build-error': 48,
      'interface-error': 24,
      'stalled-exam': 24,
      'coverage-change-review': 72,
    },
    defaultBillingArrangement: 'global',
  },
};
