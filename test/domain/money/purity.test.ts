import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addMonths, daysBetween, formatDollars, isCalendarDate, toCalendarDate } from '../../../domain/ledger';

const ROOT = join(__dirname, '..', '..', '..');
const FOLDERS = ['domain/ledger', 'domain/posting', 'domain/denials', 'domain/appeals', 'domain/patient-balance'];

describe('money domain stays deterministic', () => {
  const files = FOLDERS.flatMap((folder) => readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.ts')).map((f) => join(folder, f)));

  it.each(files)('%s imports only domain code and reads no clock or randomness', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const specifier of imports) expect(specifier?.startsWith('.') || specifier === 'zod').toBe(true);
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|process\.|console\./);
  });
});

describe('dates and money formatting', () => {
  it('works on calendar dates without time zones', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(toCalendarDate('2026-03-02T23:59:59Z')).toBe('2026-03-02');
  });

  it('formats cents as dollars with integer math', () => {
    expect(formatDollars(123_456)).toBe('$1,234.56');
    expect(formatDollars(-5)).toBe('-$0.05');
    expect(formatDollars(0)).toBe('$0.00');
    expect(() => formatDollars(1.5)).toThrow();
  });
});
