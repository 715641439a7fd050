/**
 * After any sequence of edits, the memoised and incremental analysis (passUpdate, reused node
 * and model objects) equals a fresh analysis of a copy of the same document, in which nothing
 * can be reused — also with the kinds of the first document, as the app passes them (kindsOf
 * keeps one kind map per custom definitions).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from './analyze';
import { ProjectBuilder, type Sym } from './build';
import { isLayerCall, type ProjectDoc } from './doc';
import { TEMPLATES } from '../templates';
import { customRnn } from '../templates/custom_rnn';
import { kindsFor } from './custom/kind';

/** Branches of Dense chains into an Add, plus a layer called twice and a model nested in another. */
function branchy(): ProjectDoc {
  const b = new ProjectBuilder('t');
  const x = b.input([8]);
  const ends: Sym[] = [];
  const shared = b.layer('Dense', { units: 8 });
  for (let i = 0; i < 4; i++) {
    let h: Sym = i % 2 ? shared.call(x) : x;
    for (let j = 0; j < 5; j++) h = b.layer('Dense', { units: 8, activation: 'relu' }).call(h);
    ends.push(h);
  }
  const inner = b.model('inner', [x], [b.layer('Add').call(...ends)]);
  const y = b.input([8]);
  b.model('outer', [y], [b.layer('Dense', { units: 3 }).call(b.callModel(inner, y))]);
  return b.build();
}

type Edit = { layer: number; what: 'units' | 'activation' | 'rename' | 'trainable' | 'move'; value: number };

function apply(doc: ProjectDoc, e: Edit): ProjectDoc {
  if (e.what === 'move') {
    // A drag: a new model object whose calls, edges and outputs are the old ones.
    const ms = Object.values(doc.models);
    const m = ms[e.layer % ms.length];
    const k = e.value % m.nodes.length;
    return { ...doc, models: { ...doc.models, [m.id]: { ...m, nodes: m.nodes.map((n, i) => (i === k ? { ...n, x: n.x + 10, y: n.y + e.value } : n)) } } };
  }
  const ids = Object.keys(doc.layers).sort();
  const l = doc.layers[ids[e.layer % ids.length]];
  const names = Object.values(doc.layers).map((x) => x.name);
  const next =
    e.what === 'units'
      ? 'units' in l.params ? { ...l, params: { ...l.params, units: [0, 3, 8, 16][e.value % 4] } } : l
      : e.what === 'activation'
        ? { ...l, params: { ...l.params, activation: ['relu', 'tanh', 'linear'][e.value % 3] } }
        : e.what === 'trainable'
          ? { ...l, trainable: !l.trainable }
          : { ...l, name: e.value % 3 ? `renamed_${e.value}` : names[e.value % names.length] }; // a clash, sometimes
  return { ...doc, layers: { ...doc.layers, [l.id]: next } };
}

const edits = fc.array(
  fc.record({ layer: fc.nat(200), what: fc.constantFrom('units', 'activation', 'rename', 'trainable', 'move'), value: fc.nat(100) }) as fc.Arbitrary<Edit>,
  { minLength: 1, maxLength: 12 },
);

describe('analyze: incremental equals fresh', () => {
  const docs: [string, () => ProjectDoc][] = [
    ['branchy', branchy],
    ...Object.entries(TEMPLATES).map(([k, t]): [string, () => ProjectDoc] => [k, t.build]),
  ];
  // Found by the property below: dense_1 broken (units 0) then fixed left its consumers ungrounded
  // ("Graph disconnected") because their upstream results were reused objects.
  it('transformer_classifier: a layer broken and fixed again grounds what it feeds', () => {
    const seq: Edit[] = [
      { layer: 1, what: 'rename', value: 0 },
      { layer: 14, what: 'units', value: 0 },
      { layer: 14, what: 'units', value: 1 },
      { layer: 0, what: 'units', value: 0 },
    ];
    let doc = TEMPLATES.transformer_classifier.build();
    analyze(doc);
    for (const e of seq) {
      doc = apply(doc, e);
      expect(analyze(doc)).toEqual(analyze(structuredClone(doc)));
    }
    expect(analyze(doc).issues.map((i) => i.code)).not.toContain('disconnected');
  });

  for (const [name, build] of docs)
    it(`${name}: every edit sequence`, () => {
      fc.assert(
        fc.property(edits, (seq) => {
          let doc = build();
          const appKinds = kindsFor(doc);
          analyze(doc);
          for (const e of seq) {
            doc = apply(doc, e);
            const fresh = analyze(structuredClone(doc));
            expect(analyze(doc)).toEqual(fresh);
            expect(analyze(doc, appKinds)).toEqual(fresh);
          }
        }),
        { numRuns: 25 },
      );
    });

  it('a layer holding a model reports it when an edit breaks that model, and recovers when it is fixed', () => {
    const doc = customRnn();
    const appKinds = kindsFor(doc);
    const rnnNode = doc.models[doc.main].nodes.find((n) => isLayerCall(n.call) && doc.layers[n.call.layer].kind === 'CustomRNN')!;
    const rnn = Object.values(doc.layers).find((l) => l.kind === 'CustomRNN')!.id;
    const before = analyze(doc, appKinds);
    expect(before.models[doc.main].nodes[rnnNode.id].issues).toEqual([]);
    const dense = Object.values(doc.layers).find((l) => l.kind === 'Dense')!;
    const broken = { ...doc, layers: { ...doc.layers, [dense.id]: { ...dense, params: { ...dense.params, units: 0 } } } };
    for (const a of [analyze(broken), analyze(broken, appKinds)]) {
      const issues = a.models[doc.main].nodes[rnnNode.id].issues;
      expect(issues.map((i) => i.message).join()).toContain('model "classifier" has errors');
      expect(a.layers[rnn].params).toEqual({ trainable: 0, nonTrainable: 0 });
    }
    const fixed = { ...broken, layers: { ...broken.layers, [dense.id]: { ...dense, params: { ...dense.params, units: 2 } } } };
    const again = analyze(fixed, appKinds);
    expect(again.models[doc.main].nodes[rnnNode.id].issues).toEqual([]);
    // The held Dense now has 32·2 + 2 weights instead of 32 + 1.
    expect(again.layers[rnn].params.trainable).toBe(before.layers[rnn].params.trainable + 33);
    expect(again).toEqual(analyze(structuredClone(fixed)));
  });
});
