import { isoToX12Date } from './dates';
import { centsToAmount, numberToDecimal } from './money';
import type { Address, Adjustment, EntityName } from './model-common';
import { seg, type OutSegment } from './write-segments';

/** Segment writers shared by the transaction builders. */

export function nm1(loop: string, entityCode: string, name: EntityName, idQualifier?: string, id?: string): OutSegment {
  return seg(loop, 'NM1', entityCode, name.entityType, name.lastOrOrgName, name.firstName, name.middleName, undefined, name.suffix,
    id ? idQualifier : undefined, id);
}

export function addressSegments(loop: string, a: Address): OutSegment[] {
  return [seg(loop, 'N3', a.line1, a.line2), seg(loop, 'N4', a.city, a.state, a.postalCode)];
}

export function d8(iso: string): string {
  return isoToX12Date(iso);
}

export function dtp(loop: string, qualifier: string, from: string, to?: string): OutSegment {
  return to && to !== from
    ? seg(loop, 'DTP', qualifier, 'RD8', `${d8(from)}-${d8(to)}`)
    : seg(loop, 'DTP', qualifier, 'D8', d8(from));
}

export function amount(cents: number): string {
  return centsToAmount(cents);
}

export function optAmount(cents: number | undefined): string | undefined {
  return cents === undefined ? undefined : centsToAmount(cents);
}

export function decimal(value: number | undefined): string | undefined {
  return value === undefined ? undefined : numberToDecimal(value);
}

/**
 * CAS segments for a flat list of adjustments: a new CAS when the group changes or after six
 * reason/amount/quantity triplets, keeping the order (so reading them back gives the same list).
 */
export function casSegments(loop: string, adjustments: readonly Adjustment[]): OutSegment[] {
  const out: OutSegment[] = [];
  let current: { group: string; triplets: Adjustment[] } | undefined;
  const flush = () => {
    if (!current) return;
    out.push(seg(loop, 'CAS', current.group, ...current.triplets.flatMap((a) => [a.reason, amount(a.amountCents), decimal(a.quantity)])));
    current = undefined;
  };
  for (const a of adjustments) {
    if (!current || current.group !== a.group || current.triplets.length === 6) {
      flush();
      current = { group: a.group, triplets: [] };
    }
    current.triplets.push(a);
  }
  flush();
  return out;
}
