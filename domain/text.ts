import { z } from 'zod';

/**
 * Safe text: what every free-text value a client sends must be before it is stored, put in a
 * workflow's history or written into an X12 file. No C0/C1 control characters (NUL, ESC, DEL, ...):
 * PostgreSQL refuses NUL in text, and none of them belongs in a name, an address or a note. Free text
 * that legitimately spans lines (notes, reasons) may carry tabs and line breaks. X12 delimiters
 * (`*`, `:`, `^`, `~`) are not refused here: the X12 builders escape them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

/** True when the text holds a control character (line breaks and tabs allowed with `multiline`). */
export function hasControlCharacter(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

export interface TextOptions {
  /** at least this many characters after trimming (default 1) */
  min?: number;
  /** tabs and line breaks allowed (notes, reasons) */
  multiline?: boolean;
}

/**
 * A trimmed string of at most `max` characters with no control characters. `max` is the limit of the
 * X12 element that carries the value where one does (NM103 60, NM104 35, NM105 25, N301 55, N401 30,
 * REF02 50, NM109 80), so a value accepted here always fits the file the engine writes.
 */
export function safeText(max: number, options: TextOptions = {}) {
  const min = options.min ?? 1;
  return z
    .string()
    .refine((v) => !hasControlCharacter(v, options.multiline), CONTROL_CHARACTER_MESSAGE)
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);
}

/**
 * An identifier-like string (query and path parameters, ids, references): not trimmed, no control
 * characters, 1 to `max` characters.
 */
export function safeId(max: number) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacter(v), CONTROL_CHARACTER_MESSAGE);
}

/** Free text of many lines (notes): tabs and line breaks allowed, no other control characters. */
export const safeNote = (max: number) => safeText(max, { min: 0, multiline: true });
