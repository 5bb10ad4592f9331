/** The transactions the engine exchanges, with their functional identifier and implementation guide. */
export const TRANSACTION_TYPES = {
  '837P': { setId: '837', functionalId: 'HC', implementationReference: '005010X222A1' },
  '837I': { setId: '837', functionalId: 'HC', implementationReference: '005010X223A2' },
  '835': { setId: '835', functionalId: 'HP', implementationReference: '005010X221A1' },
  '270': { setId: '270', functionalId: 'HS', implementationReference: '005010X279A1' },
  '271': { setId: '271', functionalId: 'HB', implementationReference: '005010X279A1' },
  '276': { setId: '276', functionalId: 'HR', implementationReference: '005010X212' },
  '277': { setId: '277', functionalId: 'HN', implementationReference: '005010X212' },
  '277CA': { setId: '277', functionalId: 'HN', implementationReference: '005010X214' },
  '278': { setId: '278', functionalId: 'HI', implementationReference: '005010X217' },
  '999': { setId: '999', functionalId: 'FA', implementationReference: '005010X231A1' },
} as const;

export type TransactionType = keyof typeof TRANSACTION_TYPES;

/** Functional identifier code (GS01) for a transaction set id (ST01). */
export const FUNCTIONAL_IDS: Readonly<Record<string, string>> = {
  '837': 'HC',
  '835': 'HP',
  '270': 'HS',
  '271': 'HB',
  '276': 'HR',
  '277': 'HN',
  '278': 'HI',
  '999': 'FA',
};
