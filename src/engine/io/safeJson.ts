/**
 * Parse untrusted JSON: size cap before decoding, nesting cap before JSON.parse, and keys that
 * could pollute prototypes (__proto__, constructor, prototype) refused at any depth.
 */
import { issue, type Issue } from '../issues';
import { LIMITS, fmtBytes } from './limits';

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function checkSize(bytes: number, file: string): Issue | null {
  return bytes > LIMITS.fileBytes
    ? issue('invalid-file', `${file} is ${fmtBytes(bytes)}; files over ${fmtBytes(LIMITS.fileBytes)} are refused`)
    : null;
}

/** Deepest bracket nesting outside strings, scanning once without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parseJsonText(text: string, file: string): Parsed<unknown> {
  const size = checkSize(text.length, file);
  if (size) return { ok: false, issues: [size] };
  const depth = jsonDepth(text);
  if (depth > LIMITS.jsonDepth) return { ok: false, issues: [issue('invalid-file', `${file} nests ${depth} levels deep; more than ${LIMITS.jsonDepth} is refused`)] };
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, function (key, v) {
      if (FORBIDDEN.has(key)) bad ??= key;
      return v;
    });
  } catch (e) {
    const what = text.trim() === '' ? 'is empty' : `is not valid JSON (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, issues: [issue('invalid-file', `${file} ${what}`)] };
  }
  if (bad) return { ok: false, issues: [issue('unsafe', `${file} contains the key "${bad}", which is refused (it could alter object prototypes)`)] };
  return { ok: true, value };
}

export function parseJsonBytes(bytes: Uint8Array, file: string): Parsed<unknown> {
  const size = checkSize(bytes.byteLength, file);
  if (size) return { ok: false, issues: [size] };
  return parseJsonText(new TextDecoder('utf-8').decode(bytes), file);
}
