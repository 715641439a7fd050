/** Text ⇄ param value for the inspector's text fields, in Python-like notation: 3, (3, 3), None. */
import type { ParamValue, Spec } from '../../nodes/params';

export function toText(spec: Spec, v: ParamValue): string {
  if (v === null || v === undefined) return spec.type === 'string' ? '' : 'None';
  if (Array.isArray(v)) return v.map((d) => (d === null ? 'None' : String(d))).join(', ');
  return String(v);
}

const num = (s: string): number | null => (/^none$/i.test(s) ? null : s === '' ? NaN : Number(s));

/** Parse the field's text; the spec's check() then says whether the value is allowed. */
export function fromText(spec: Spec, text: string): ParamValue {
  const s = text.trim();
  switch (spec.type) {
    case 'int':
    case 'float':
      return s === '' || /^none$/i.test(s) ? null : Number(s);
    case 'ints': {
      const parts = s.replace(/^[([]|[)\]]$/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
      return parts.length === 1 && !/[,([]/.test(s) ? Number(parts[0]) : parts.map(Number);
    }
    case 'shape': {
      const parts = s.replace(/^[([]|[)\]]$/g, '').split(',').map((x) => x.trim()).filter((x) => x !== '');
      return parts.map(num);
    }
    default:
      return text;
  }
}
