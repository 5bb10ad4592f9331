import type { Hl7Message, Hl7Segment } from '@medplum/core';

/**
 * Reading values out of an Hl7Message (parsed by @medplum/core, which splits on the message's own encoding
 * characters but leaves escape sequences as they are): 1-based fields and components as HL7 names them
 * (PID-5.2), subcomponents 1-based too, repetitions 0-based; every value unescaped and trimmed.
 */
export function raw(seg: Hl7Segment | undefined, field: number, component = 1, sub = 1, repetition = 0): string {
  if (!seg) return '';
  const f = seg.getField(field);
  if (!f) return '';
  const rep = f.components[repetition];
  if (!rep) return '';
  const c = rep[component - 1] ?? '';
  const parts = c.split(seg.context.subcomponentSeparator);
  return parts[sub - 1] ?? '';
}

export function value(seg: Hl7Segment | undefined, field: number, component = 1, sub = 1, repetition = 0): string {
  return unescapeHl7(raw(seg, field, component, sub, repetition), seg).trim();
}

export function repetitions(seg: Hl7Segment | undefined, field: number): number {
  return seg?.getField(field)?.components.length ?? 0;
}

/** HL7 escape sequences (\F\ \S\ \T\ \R\ \E\, \Xhh\, \.br\) in the segment's own encoding characters. */
export function unescapeHl7(text: string, seg: Hl7Segment | undefined): string {
  if (!seg) return text;
  const ctx = seg.context;
  const e = ctx.escapeCharacter;
  if (!e || !text.includes(e)) return text;
  const esc = e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${esc}([^${esc}]*)${esc}`, 'g'), (_m, code: string) => {
    switch (code) {
      case 'F': return ctx.fieldSeparator;
      case 'S': return ctx.componentSeparator;
      case 'T': return ctx.subcomponentSeparator;
      case 'R': return ctx.repetitionSeparator;
      case 'E': return e;
      case '.br': return ' ';
      default:
        if (/^X([0-9A-Fa-f]{2})+$/.test(code)) return Buffer.from(code.slice(1), 'hex').toString('latin1').replace(/[\r\n]/g, ' ');
        return '';
    }
  });
}

export interface Sender {
  application: string;
  facility: string;
}

export interface Header {
  sender: Sender;
  controlId: string;
  /** MSH-9.1^MSH-9.2, e.g. ORM^O01 */
  type: string;
  code: string;
  trigger: string;
  version: string;
}

export function headerOf(msg: Hl7Message): Header {
  const msh = msg.getSegment('MSH');
  const code = value(msh, 9, 1).toUpperCase();
  const trigger = value(msh, 9, 2).toUpperCase();
  return {
    sender: { application: value(msh, 3, 1), facility: value(msh, 4, 1) },
    controlId: value(msh, 10),
    type: trigger ? `${code}^${trigger}` : code,
    code,
    trigger,
    version: value(msh, 12),
  };
}

/** An HL7 date (YYYYMMDD, more digits ignored) as YYYY-MM-DD, or '' when it is none. */
export function hl7Date(v: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : v;
}

/**
 * An HL7 timestamp (YYYYMMDD[HH[MM[SS[.S+]]]][+/-ZZZZ]) as ISO 8601 with its offset (the profile's when it
 * carries none); the value itself when it is not a timestamp (the schema then names it).
 */
export function hl7DateTime(v: string, defaultOffset: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,4})?)?)?)?([+-]\d{4})?$/.exec(v);
  if (!m) return v;
  const [, y, mo, d, h = '00', mi = '00', s = '00', off = defaultOffset] = m;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${off.slice(0, 3)}:${off.slice(3)}`;
}
