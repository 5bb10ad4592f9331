import { normalizeHeader, parseCsv } from './parse-csv';
import type { ContrastClass, CptDescriptor } from './ref-data';

const CONTRAST: readonly ContrastClass[] = ['none', 'with', 'without-and-with', 'not-applicable'];

/** The project's own CPT short descriptions: CSV with code, short_description, modality, body_region, contrast. */
export function parseCptDescriptors(text: string): CptDescriptor[] {
  const records = parseCsv(text);
  const header = (records[0] ?? []).map(normalizeHeader);
  const at = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`CPT descriptor file: missing column ${name}`);
    return i;
  };
  const [code, desc, modality, region, contrast] = [at('CODE'), at('SHORT_DESCRIPTION'), at('MODALITY'), at('BODY_REGION'), at('CONTRAST')];
  return records.slice(1).filter((r) => (r[code] ?? '').trim() !== '').map((r) => {
    const c = (r[contrast] ?? '').trim() as ContrastClass;
    if (!CONTRAST.includes(c)) throw new Error(`CPT descriptor file: bad contrast for ${r[code] ?? ''}`);
    return {
      code: (r[code] ?? '').trim().toUpperCase(),
      shortDescription: (r[desc] ?? '').trim(),
      modality: (r[modality] ?? '').trim(),
      bodyRegion: (r[region] ?? '').trim(),
      contrast: c,
    };
  });
}
