import type { Address, Adjustment, EntityName } from './model-common';
import { cents, optQuantity } from './read-elements';
import { el, type Segment } from './tokenize';

/** Readers for the segments shared by the transaction parsers. */

export function entityName(s: Segment): EntityName {
  const name: EntityName = { entityType: el(s, 2) === '1' ? '1' : '2', lastOrOrgName: el(s, 3) };
  if (el(s, 4)) name.firstName = el(s, 4);
  if (el(s, 5)) name.middleName = el(s, 5);
  if (el(s, 7)) name.suffix = el(s, 7);
  return name;
}

/** Fill an address from N3 or N4 into the object being built. */
export function applyAddressSegment(target: Partial<Address>, s: Segment): void {
  if (s.id === 'N3') {
    target.line1 = el(s, 1);
    if (el(s, 2)) target.line2 = el(s, 2);
  } else if (s.id === 'N4') {
    target.city = el(s, 1);
    target.state = el(s, 2);
    target.postalCode = el(s, 3);
  }
}

export function completeAddress(a: Partial<Address>): Address {
  const out: Address = { line1: a.line1 ?? '', city: a.city ?? '', state: a.state ?? '', postalCode: a.postalCode ?? '' };
  if (a.line2) out.line2 = a.line2;
  return out;
}

/** Flatten a CAS segment into adjustments (up to six triplets). */
export interface AmountReader {
  cents(s: Segment, n: number): number;
  optQuantity(s: Segment, n: number): number | undefined;
}

const strict: AmountReader = { cents, optQuantity };

export function casAdjustments(s: Segment, read: AmountReader = strict): Adjustment[] {
  const group = el(s, 1) as Adjustment['group'];
  const out: Adjustment[] = [];
  for (let i = 0; i < 6; i++) {
    const r = 2 + i * 3;
    const reason = el(s, r);
    if (!reason) continue;
    const a: Adjustment = { group, reason, amountCents: read.cents(s, r + 1) };
    const q = read.optQuantity(s, r + 2);
    if (q !== undefined) a.quantity = q;
    out.push(a);
  }
  return out;
}
