import * as fs from 'fs';
import * as path from 'path';

/** /work/shared/x12-samples beside the clone (../shared/x12-samples from the repository root), when present. */
export const SAMPLES_DIR = path.resolve(__dirname, '../../../../../shared/x12-samples');
export const samplesPresent = fs.existsSync(SAMPLES_DIR);

export function sampleFiles(family: string): string[] {
  const dir = path.join(SAMPLES_DIR, family);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => !f.endsWith('.md')).sort();
}

export function readSample(family: string, file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, family, file)));
}

export function readSampleText(family: string, file: string): string {
  return fs.readFileSync(path.join(SAMPLES_DIR, family, file), 'utf8');
}

export const describeIfSamples = samplesPresent ? describe : describe.skip;
