/**
 * Share links: a small project carried in the URL hash, `#p1=<base64url(deflate-raw(JSON))>`.
 * The "1" is the link format version. Links are capped so they survive chat apps and e-mail;
 * a larger project is shared as a file instead.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { parseProject, type ProjectDoc } from '../../engine/doc';
import { fail, ok, type Result } from './problem';

export const SHARE_PREFIX = '#p1=';
/** Longest hash we create or accept (characters of base64url). */
export const MAX_SHARE_CHARS = 32_000;
/** Refuse links that inflate beyond this (a deflate bomb in a link). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url; null when the text has characters outside the alphabet or a bad length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The hash (with its '#') that carries `doc`, or why it cannot. */
export function encodeShareHash(doc: ProjectDoc): Result<string> {
  const data = toBase64Url(deflateSync(strToU8(JSON.stringify(doc)), { level: 9 }));
  if (data.length > MAX_SHARE_CHARS) return fail('projects.share.tooLarge', { size: data.length, max: MAX_SHARE_CHARS });
  return ok(SHARE_PREFIX + data);
}

/** Whether a location hash is meant as a share link (then decodeShareHash says if it is a good one). */
export const isShareHash = (hash: string) => hash.startsWith(SHARE_PREFIX);

export function decodeShareHash(hash: string): Result<ProjectDoc> {
  if (!isShareHash(hash)) return fail('projects.share.notLink');
  const data = hash.slice(SHARE_PREFIX.length);
  if (data.length > MAX_SHARE_CHARS) return fail('projects.share.linkTooLong', { size: data.length, max: MAX_SHARE_CHARS });
  const bytes = fromBase64Url(data);
  if (!bytes || bytes.length === 0) return fail('projects.share.broken', { detail: 'not base64url' });
  let json: string;
  try {
    const raw = inflateSync(bytes);
    if (raw.length > MAX_JSON_BYTES) return fail('projects.share.broken', { detail: `inflates to ${raw.length} bytes` });
    json = strFromU8(raw);
  } catch (e) {
    return fail('projects.share.broken', { detail: `not deflate data (${(e as Error).message})` });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return fail('projects.share.broken', { detail: `not JSON (${(e as Error).message})` });
  }
  const r = parseProject(raw);
  if (!r.doc) return fail('projects.share.invalid', { detail: r.errors.slice(0, 3).join('; ') });
  return ok(r.doc);
}
