import * as fs from 'fs';
import * as path from 'path';

/**
 * The X12 fixtures in the repository (test/fixtures/x12): public samples copied where their license
 * allows it, and files written for this project (`rcm__*`). Provenance: test/fixtures/x12/SOURCES.md.
 */
export const SAMPLES_DIR = path.resolve(__dirname, '../../../fixtures/x12');

export function sampleFiles(family: string): string[] {
  return fs.readdirSync(path.join(SAMPLES_DIR, family)).filter((f) => !f.endsWith('.md')).sort();
}

export function readSample(family: string, file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, family, file)));
}

