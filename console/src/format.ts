/** Money is integer cents in the API; people read dollars. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export function dollars(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return usd.format(cents / 100);
}

/** "125.50" or "$1,250" typed by a person, as integer cents; undefined when it is not an amount. */
export function centsOf(text: string): number | undefined {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return undefined;
  const [whole, frac = ''] = clean.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

let defaultZone: string | undefined;
let zones: Record<string, string> = {};
export function setTimeZones(all: Record<string, string>, fallback: string | null): void {
  zones = all;
  defaultZone = fallback ?? undefined;
}
/** The facility's time zone (its own, else the one all facilities share, else the browser's). */
export function zoneOf(facilityId?: string | null): string {
  return (facilityId && zones[facilityId]) || defaultZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', withTime
      ? { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
      : { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric' });
    formatters.set(key, f);
  }
  return f;
}
export function dateTime(iso: string | null | undefined, facilityId?: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter(zoneOf(facilityId), true).format(d);
}
/** A calendar date (YYYY-MM-DD) as people read it: no time zone shift. */
export function calendarDate(day: string | null | undefined): string {
  if (!day) return '—';
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : formatter('UTC', false).format(d);
}
/** Today in the facility's zone, YYYY-MM-DD. */
export function todayIn(facilityId?: string | null): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zoneOf(facilityId), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function percent(rate: { percent: number | null } | null | undefined): string {
  return rate?.percent === null || rate?.percent === undefined ? '—' : `${rate.percent.toFixed(1)}%`;
}
export const words = (id: string): string => id.replace(/[-_]/g, ' ');
