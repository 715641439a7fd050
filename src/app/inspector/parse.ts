/** Text ⇄ param value for the inspector's text fields, in Python-like notation: 3, (3, 3), None. */
import type { ParamValue, Spec } from '../../nodes/params';

export function toText(spec: Spec, v: ParamValue): string {
  if (v === null || v === undefined) return spec.type === 'string' ? '' : 'None';
  if (Array.isArray(v)) return v.map((d) => (d === null ? 'None' : String(d))).join(', ');
  return String(v);
}

/** A number, None, or (not a number) the text itself, so the check's message names what was typed. */
const num = (s: string): number | string | null => {
  if (/^none$/i.test(s)) return null;
  const n = s === '' ? NaN : Number(s);
  return Number.isNaN(n) ? s : n;
};

/**
 * Parse the field's text; the spec's check() then says whether the value is allowed (unknown
 * until then: "abc" for an int stays the string, and the message names it).
 */
export function fromText(spec: Spec, text: string): unknown {
  const s = text.trim();
  switch (spec.type) {
    case 'int':
    case 'float':
      return s === '' ? null : num(s);
    case 'ints': {
      const parts = s.replace(/^[([]|[)\]]$/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
      return parts.length === 1 && !/[,([]/.test(s) ? num(parts[0]) : parts.map(num);
    }
    case 'shape': {
      const parts = s.replace(/^[([]|[)\]]$/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
      return parts.map(num);
    }
    case 'string':
      // A param that is None by default (kernel_regularizer) shows None as an empty field.
      return spec.default === null && (s === '' || /^none$/i.test(s)) ? null : text;
    default:
      return text;
  }
}
