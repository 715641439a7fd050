import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { MAX_SHARE_CHARS, SHARE_PREFIX, decodeShareHash, encodeShareHash, fromBase64Url, toBase64Url } from './shareLink';
import { chainDoc, mnistDoc } from './testDocs';

const encode = (doc: ReturnType<typeof mnistDoc>) => {
  const r = encodeShareHash(doc);
  if (!r.ok) throw new Error(r.problem.key);
  return r.value;
};

describe('share links', () => {
  it('round-trips a project exactly through the URL hash', () => {
    const doc = mnistDoc('分享 project');
    const hash = encode(doc);
    expect(hash.startsWith(SHARE_PREFIX)).toBe(true);
    expect(hash).toMatch(/^#p1=[A-Za-z0-9_-]+$/);
    // Compressed: shorter than the JSON itself.
    expect(hash.length).toBeLessThan(JSON.stringify(doc).length);
    const back = decodeShareHash(hash);
    expect(back).toEqual({ ok: true, value: doc });
  });

  it('base64url round-trips every byte value and every length', () => {
    for (let n = 0; n < 300; n += 7) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });

  it('refuses to make a link for a project beyond the size cap', () => {
    const r = encodeShareHash(chainDoc(3000));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.key).toBe('projects.share.tooLarge');
      expect(r.problem.vars?.max).toBe(MAX_SHARE_CHARS);
      expect(Number(r.problem.vars?.size)).toBeGreaterThan(MAX_SHARE_CHARS);
    }
  });

  it('refuses an oversize link', () => {
    const r = decodeShareHash(SHARE_PREFIX + 'A'.repeat(MAX_SHARE_CHARS + 1));
    expect(r).toMatchObject({ ok: false, problem: { key: 'projects.share.linkTooLong', vars: { size: MAX_SHARE_CHARS + 1 } } });
  });

  it('says why a broken link is broken', () => {
    const hash = encode(mnistDoc());
    const truncated = decodeShareHash(hash.slice(0, Math.floor(hash.length / 2)));
    expect(truncated).toMatchObject({ ok: false, problem: { key: 'projects.share.broken' } });
    expect(decodeShareHash(SHARE_PREFIX + 'not*base64')).toMatchObject({ ok: false, problem: { key: 'projects.share.broken', vars: { detail: 'not base64url' } } });
    const notJson = SHARE_PREFIX + toBase64Url(deflateSync(strToU8('{"version": 1, oops')));
    const r = decodeShareHash(notJson);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(String(r.problem.vars?.detail)).toMatch(/^not JSON/);
    expect(decodeShareHash('#other')).toMatchObject({ ok: false, problem: { key: 'projects.share.notLink' } });
  });

  it('refuses a well-formed link whose project fails the schema, naming the field', () => {
    const doc = mnistDoc() as unknown as Record<string, unknown>;
    const bad = SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify({ ...doc, main: 'nope' }))));
    const r = decodeShareHash(bad);
    expect(r).toMatchObject({ ok: false, problem: { key: 'projects.share.invalid' } });
    if (!r.ok) expect(r.problem.vars?.detail).toContain('"nope"');
  });
});
