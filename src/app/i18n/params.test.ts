import { describe, expect, it } from 'vitest';
import { KINDS } from '../../nodes';
import { otherKinds, paramDocKey, params, zhParamDocs } from './messages/params';

const documented = Object.values(KINDS).flatMap((k) =>
  Object.entries(k.params).flatMap(([name, spec]) => (spec.doc ? [{ kind: k.kind, name, doc: spec.doc }] : [])),
);

describe('param hover texts', () => {
  it('covers the built-in kinds', () => {
    // Dense, the RNNs, pooling, normalization... all document params; a regression to none would pass vacuously.
    expect(documented.length).toBeGreaterThan(60);
  });

  it('every param of every kind has a doc, so no hover text is empty', () => {
    const undocumented = Object.values(KINDS).flatMap((k) =>
      Object.entries(k.params).flatMap(([name, spec]) => (spec.doc?.trim() ? [] : [`${k.kind}.${name}`])),
    );
    expect(undocumented).toEqual([]);
  });

  it("a per-kind record's '*' Chinese stands for kinds that share one English doc", () => {
    const fallbacks = Object.entries(zhParamDocs).flatMap(([name, text]) => (typeof text !== 'string' && '*' in text ? [{ name, covered: otherKinds(name, text) }] : []));
    expect(fallbacks.map((f) => f.name).sort()).toEqual(['kernel_size', 'padding', 'strides', 'value_range']);
    for (const { name, covered } of fallbacks) {
      expect(covered.length, name).toBeGreaterThan(0);
      expect(new Set(covered.map((d) => d.doc)).size, name).toBe(1);
    }
    // The conv kinds get the conv text, the pooling kinds their own.
    expect(params.zh[paramDocKey('strides', KINDS.Conv2D.params.strides.doc)!]).toMatch(/卷积/);
    expect(params.zh[paramDocKey('strides', KINDS.MaxPooling2D.params.strides.doc)!]).toMatch(/pool_size/);
    expect(params.zh[paramDocKey('padding', KINDS.Conv1D.params.padding.doc)!]).toMatch(/causal/);
  });

  it('every documented param of every kind has Chinese, and English is the engine doc itself', () => {
    const gaps = documented.filter(({ name, doc }) => {
      const key = paramDocKey(name, doc);
      return !key || params.en[key] !== doc || !/[\u4e00-\u9fff]/.test(params.zh[key] ?? '');
    });
    expect(gaps.map((g) => `${g.kind}.${g.name}`)).toEqual([]);
  });

  it('a name that means different things in different kinds gets its Chinese per kind', () => {
    expect(zhParamDocs.units).toEqual(expect.objectContaining({ Dense: '输出空间的维度。' }));
    expect(params.zh[paramDocKey('units', KINDS.Dense.params.units.doc)!]).toBe('输出空间的维度。');
    expect(params.zh[paramDocKey('units', KINDS.LSTM.params.units.doc)!]).toMatch(/状态/);
    expect(params.zh[paramDocKey('axis', KINDS.Concatenate.params.axis.doc)!]).toMatch(/拼接/);
  });

  it('Chinese has no entry for a param or kind the engine does not document (no stale texts)', () => {
    expect(Object.keys(params.zh).filter((k) => !(k in params.en))).toEqual([]);
  });

  it('a doc the built-in kinds do not have keeps no key (a custom layer shows its own text)', () => {
    expect(paramDocKey('units', 'Something else entirely.')).toBeUndefined();
    expect(paramDocKey('units', undefined)).toBeUndefined();
  });
});
