/**
 * Place-of-service rules. Facility rates apply in the settings the PFS documentation names
 * (hospital inpatient and outpatient, emergency room, ASC, SNF and similar); non-facility rates elsewhere.
 */
const FACILITY_RATE_POS = new Set(['02', '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61']);

export function usesFacilityRate(pos: string): boolean {
  return FACILITY_RATE_POS.has(pos);
}
