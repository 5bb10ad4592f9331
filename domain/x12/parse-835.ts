import type { Remittance835 } from './model-835';
import type { ParseOptions, ParseResult } from './parse-result';
import { read835Model } from './stream-835';

/**
 * Read every 835 of an input, with balancing findings per remittance. The same walk as
 * stream835 (segment scanner -> envelope tracker -> Remittance835Reader), keeping every claim.
 */
export function parse835(input: string | Uint8Array, options: ParseOptions = {}): ParseResult<Remittance835> {
  return read835Model(input, options);
}
