/**
 * Hostile and broken files: each is refused with a clear Issue before anything is built,
 * nothing is half-imported, and nothing reaches tfjs (whose fromConfig loops forever on cycles).
 * How fast the refusals are is measured in bench/importGuard.ts.
 */
import { describe, expect, it } from 'vitest';
import { importFileSet, importModelValue, type ImportResult } from './importModel';
import { LIMITS } from './limits';
import { readModel } from './kerasGraph';
import { checkGraph } from './graphCheck';
import { precheckGraph } from './graphPrecheck';
import { kerasModelObject } from './kerasJson';
import { ProjectBuilder } from '../build';
import { parseJsonText } from './safeJson';
import { VALID_BIN_FLOATS, validKeras3, validModelJson } from './fixtures/valid';

const enc = (s: string) => new TextEncoder().encode(s);
type Json = Record<string, any>;
const clone = (v: unknown): Json => JSON.parse(JSON.stringify(v));
const layersOf = (m: Json) => m.config.layers as Json[];
const refused = (r: ImportResult, code: string, text: RegExp) => {
  expect(r.ok).toBe(false);
  expect(r.issues.some((i) => i.code === code && text.test(i.message)), JSON.stringify(r.issues)).toBe(true);
};
const bin = (floats: number, fill = 0.5) => new Uint8Array(new Float32Array(floats).fill(fill).buffer);

describe('hostile files', () => {
  it('the valid starting points import', () => {
    expect(importModelValue(validKeras3(), 'm.json').ok).toBe(true);
    const r = importModelValue(validModelJson(), 'model.json', { bins: new Map([['group1-shard1of1.bin', bin(VALID_BIN_FLOATS)]]) });
    expect(r.ok && r.weights && Object.keys(r.weights).length).toBe(2);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const big = { name: 'model.json', bytes: { byteLength: LIMITS.fileBytes + 1 } as Uint8Array };
    refused(await importFileSet([big]), 'invalid-file', /200\.0 MB/);
    // A weights archive may be larger (VGG16's .keras is 528 MB), up to its own cap.
    const archive = { name: 'vgg.keras', bytes: { byteLength: LIMITS.archiveBytes + 1 } as Uint8Array };
    refused(await importFileSet([archive]), 'invalid-file', /vgg\.keras is 1536\.0 MB; files of its kind over 1536\.0 MB are refused/);
  });

  it('refuses truncated and non-JSON text, naming the file', async () => {
    const text = JSON.stringify(validKeras3());
    refused(await importFileSet([{ name: 'cut.json', bytes: enc(text.slice(0, text.length / 2)) }]), 'invalid-file', /cut\.json is not valid JSON/);
    refused(await importFileSet([{ name: 'x.json', bytes: enc('<html>hello</html>') }]), 'invalid-file', /not valid JSON/);
    refused(await importFileSet([{ name: 'e.json', bytes: enc('') }]), 'invalid-file', /is empty/);
    refused(await importFileSet([{ name: 'n.json', bytes: enc('[1,2,3]') }]), 'invalid-file', /expected a JSON object/);
  });

  it('refuses __proto__ / constructor / prototype keys at any depth, and nothing is polluted', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(validKeras3()).replace('"units":8', `"units":8,"${key}":{"polluted":true}`);
      refused(await importFileSet([{ name: 'p.json', bytes: enc(text) }]), 'unsafe', new RegExp(key));
      expect(({} as Json).polluted).toBeUndefined();
    }
    // escaped spelling of the same key
    const esc = JSON.stringify(validKeras3()).replace('"units":8', '"units":8,"\\u005f_proto__":{"polluted":true}');
    refused(await importFileSet([{ name: 'p.json', bytes: enc(esc) }]), 'unsafe', /__proto__/);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('refuses JSON nested deeper than the cap before JSON.parse', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = parseJsonText(deep, 'deep.json');
    expect(r.ok).toBe(false);
  });

  it('refuses cycles and dangling names in inbound_nodes (timing: bench/importGuard.ts)', () => {
    const cyc = clone(validKeras3());
    const ls = layersOf(cyc);
    const dense = ls.find((l) => l.name === 'dense')!;
    const add = ls.find((l) => l.class_name === 'Add')!;
    dense.inbound_nodes[0].args[0].config.keras_history = [add.name, 0, 0];
    refused(importModelValue(cyc, 'cycle.json'), 'invalid-file', /cycle/);

    const dangling = clone(validKeras3());
    layersOf(dangling).find((l) => l.name === 'dense_1')!.inbound_nodes[0].args[0].config.keras_history = ['ghost', 0, 0];
    refused(importModelValue(dangling, 'd.json'), 'invalid-file', /"ghost", which is not in the model/);

    const badNode = clone(validKeras3());
    layersOf(badNode).find((l) => l.name === 'dense_1')!.inbound_nodes[0].args[0].config.keras_history = ['a', 3, 0];
    refused(importModelValue(badNode, 'n.json'), 'invalid-file', /call 3 of "a"/);
  });

  it('the graph check refuses a 2,000-layer cycle (and the import refuses it)', () => {
    const m = clone(validKeras3());
    const chain = Array.from({ length: 2000 }, (_, i) => ({
      class_name: 'Dense', config: { name: `c${i}`, units: 8 }, name: `c${i}`,
      inbound_nodes: [[[`c${(i + 1999) % 2000}`, 0, 0, {}]]],
    }));
    layersOf(m).push(...chain);
    const km = readModel(m, 'big-cycle.json', []);
    expect(() => checkGraph(km, 'big-cycle.json')).toThrow(/cycle/);
    refused(importModelValue(m, 'big-cycle.json'), 'invalid-file', /cycle/);
    // the pre-check refuses it from names and references alone, before the schema reads any config
    expect(() => precheckGraph(m)).toThrow(/cycle/);
  });

  it('refuses a cycle or a dangling name inside a nested model, in tfjs model.json and Keras JSON', () => {
    const b = new ProjectBuilder('outer');
    const i = b.input([4], { name: 'in_inner' });
    const h = b.layer('Dense', { units: 4 }, 'h1').call(i);
    const inner = b.model('inner', [i], [b.layer('Dense', { units: 4 }, 'h2').call(h)]);
    const o = b.input([4], { name: 'in_outer' });
    b.model('outer', [o], [b.callModel(inner, b.callModel(inner, o))]);
    const doc = b.build();
    for (const form of ['keras3', 'legacy'] as const) {
      const file = (): Json => (form === 'legacy' ? { modelTopology: kerasModelObject(doc, doc.main, form) } : clone(kerasModelObject(doc, doc.main, form)));
      expect(importModelValue(file(), 'ok.json').ok).toBe(true);
      const top = (m: Json) => (form === 'legacy' ? m.modelTopology : m);
      const h1 = (m: Json) => layersOf(layersOf(top(m)).find((l) => l.name === 'inner')!).find((l) => l.name === 'h1')!;
      const retarget = (m: Json, to: string) => {
        const n = h1(m).inbound_nodes[0];
        if (form === 'legacy') n[0][0] = to;
        else n.args[0].config.keras_history[0] = to;
        return m;
      };
      const cyc = retarget(file(), 'h2');
      expect(() => precheckGraph(cyc)).toThrow(/outer\/inner: the layers "h1", "h2" feed each other in a cycle/);
      refused(importModelValue(cyc, 'cyc.json'), 'invalid-file', /cycle/);
      const ghost = retarget(file(), 'ghost');
      expect(() => precheckGraph(ghost)).toThrow(/"ghost", which is not in the model/);
      refused(importModelValue(ghost, 'ghost.json'), 'invalid-file', /"ghost", which is not in the model/);
    }
  });

  it('refuses duplicate layer names', () => {
    const m = clone(validKeras3());
    layersOf(m).find((l) => l.name === 'add')!.name = 'dense';
    refused(importModelValue(m, 'dup.json'), 'invalid-file', /"dense" is used twice/);
  });

  it('names an unknown layer class and imports nothing', () => {
    const m = clone(validKeras3());
    layersOf(m).find((l) => l.class_name === 'Add')!.class_name = 'FancyMerge';
    refused(importModelValue(m, 'u.json'), 'invalid-file', /class "FancyMerge"/);
  });

  it('refuses code and foreign objects like Keras safe_mode, never evaluating them', () => {
    const cases: [string, (m: Json) => void, RegExp][] = [
      ['Lambda (Keras 2 list form)', (m) => layersOf(m).push({ class_name: 'Lambda', config: { name: 'lam', function: ['4wEAAAAAAAAA', null, null], function_type: 'lambda' }, name: 'lam', inbound_nodes: [] }), /Lambda "lam" refused/],
      ['__lambda__', (m) => (layersOf(m)[1].config.activation = { class_name: '__lambda__', config: { code: 'print(1)' } }), /__lambda__ refused/],
      ['TFSMLayer', (m) => (layersOf(m)[1].class_name = 'TFSMLayer'), /TFSMLayer/],
      ['TorchModuleWrapper', (m) => (layersOf(m)[1].class_name = 'TorchModuleWrapper'), /TorchModuleWrapper/],
      ['unknown module', (m) => (layersOf(m)[1].module = 'evil.layers'), /module "evil\.layers"/],
      ['custom registered_name', (m) => (layersOf(m)[1].registered_name = 'MyPackage>Dense'), /custom object "MyPackage>Dense"/],
    ];
    for (const [, mutate, text] of cases) {
      const m = clone(validKeras3());
      mutate(m);
      refused(importModelValue(m, 'code.json'), 'unsafe', text);
    }
  });

  it('refuses absurd shapes before allocating anything', () => {
    const huge = clone(validKeras3());
    layersOf(huge).find((l) => l.name === 'dense')!.config.units = 1e9;
    refused(importModelValue(huge, 'h.json'), 'invalid-file', /units=1000000000/);
    const neg = clone(validKeras3());
    layersOf(neg).find((l) => l.name === 'a')!.config.batch_shape = [null, -3];
    refused(importModelValue(neg, 'neg.json'), 'invalid-file', /-3/);
    // each dim within the cap, but the parameters together far over it
    const wide = clone(validKeras3());
    layersOf(wide).find((l) => l.name === 'a')!.config.batch_shape = [null, 1 << 20];
    layersOf(wide).find((l) => l.name === 'dense')!.config.units = 1 << 20;
    refused(importModelValue(wide, 'wide.json'), 'invalid-file', /parameters .* more than/);
  });

  it('refuses short weights files and mismatched weight names; flags NaN weights', () => {
    const mj = validModelJson();
    refused(importModelValue(mj, 'model.json', { bins: new Map([['group1-shard1of1.bin', bin(VALID_BIN_FLOATS - 3)]]) }), 'weights', /short/);
    const renamed = clone(mj);
    renamed.weightsManifest[0].weights[2].name = 'mystery/kernel';
    refused(importModelValue(renamed, 'model.json', { bins: new Map([['group1-shard1of1.bin', bin(VALID_BIN_FLOATS)]]) }), 'weights', /"mystery\/kernel" matches no layer/);
    const reshaped = clone(mj);
    reshaped.weightsManifest[0].weights[0].shape = [3, 4];
    refused(importModelValue(reshaped, 'model.json', { bins: new Map([['group1-shard1of1.bin', bin(VALID_BIN_FLOATS)]]) }), 'weights', /should have shape \[4, 3\]/);
    const nan = importModelValue(mj, 'model.json', { bins: new Map([['group1-shard1of1.bin', bin(VALID_BIN_FLOATS, NaN)]]) });
    expect(nan.ok).toBe(true);
    expect(nan.issues.filter((i) => i.code === 'weights' && /NaN/.test(i.message)).length).toBe(4);
    const none = importModelValue(mj, 'model.json', { bins: new Map() });
    expect(none.ok && none.weights).toBe(null);
    expect(none.issues.some((i) => i.severity === 'warning' && /group1-shard1of1\.bin/.test(i.message))).toBe(true);
  });
});
