/**
 * Transfer learning's bookkeeping, judged by real Keras 3: after `layer.trainable = False` on
 * some layers, Keras' split of count_params (trainable / non-trainable weights; a
 * BatchNormalization's moving statistics always non-trainable, a frozen one's gamma and beta
 * too) equals Layerflow's totals; every export (Keras 3 JSON, legacy JSON, .keras, Python)
 * carries the flags Keras reads back, and every import (those and tfjs model.json) restores them.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { ProjectBuilder } from '../build';
import { compile, readWeights } from '../compile';
import type { ProjectDoc } from '../doc';
import { setTrainable } from '../edit/layers';
import { kerasPython, runKeras } from '../../testing/python';
import { importModelValue } from './importModel';
import { kerasModelObject } from './kerasJson';
import { readKerasFile, writeKerasFile } from './kerasFile';
import { pythonScript } from './python';
import { exportTfjs } from './tfjsModel';
import { tmp, writeJson } from './fixtures/judge';

tf.setBackend('cpu');

const FROZEN = ['conv_a', 'bn_a', 'dense_a'];

function frozenDoc(): ProjectDoc {
  const b = new ProjectBuilder('finetune');
  const x = b.input([8, 8, 3], { name: 'img' });
  let h = b.layer('Conv2D', { filters: 4, kernel_size: 3 }, 'conv_a').call(x);
  h = b.layer('BatchNormalization', {}, 'bn_a').call(h);
  h = b.layer('Conv2D', { filters: 6, kernel_size: 3 }, 'conv_b').call(h);
  h = b.layer('BatchNormalization', {}, 'bn_b').call(h);
  h = b.layer('Flatten', {}, 'flatten').call(h);
  h = b.layer('Dense', { units: 5 }, 'dense_a').call(h);
  b.model('finetune', [x], [b.layer('Dense', { units: 2 }, 'dense_b').call(h)]);
  let doc = b.build();
  for (const l of Object.values(doc.layers)) if (FROZEN.includes(l.name)) doc = setTrainable(doc, l.id, false);
  return doc;
}

const frozenNames = (doc: ProjectDoc) => Object.values(doc.layers).filter((l) => !l.trainable).map((l) => l.name).sort();

describe('frozen layers: totals', () => {
  it('split as Keras counts them (hand count)', () => {
    const doc = frozenDoc();
    // conv_a 3·3·3·4+4 = 112 and dense_a 96·5+5 = 485 frozen; bn_a: gamma, beta frozen + moving stats (16);
    // conv_b 3·3·4·6+6 = 222, bn_b gamma+beta 12 trainable, its moving stats 12 not; dense_b 5·2+2 = 12.
    expect(analyze(doc).models[doc.main].totals).toEqual({ trainable: 222 + 12 + 12, nonTrainable: 112 + 16 + 485 + 12 });
  });
});

describe.skipIf(!kerasPython)('frozen layers: Keras 3 is the judge', () => {
  let verdict: Record<string, [number, number, string[]] | string> = {};
  const doc = frozenDoc();
  beforeAll(async () => {
    const dir = tmp('frozen');
    writeJson(dir, 'keras3.json', kerasModelObject(doc, doc.main, 'keras3'));
    writeJson(dir, 'legacy.json', kerasModelObject(doc, doc.main, 'legacy'));
    const built = compile(doc, doc.main, tf);
    const file = await writeKerasFile(doc, doc.main, readWeights(built.layers));
    writeFileSync(join(dir, 'model.keras'), file.bytes!);
    // The Python export up to its model (the rest trains and saves).
    writeFileSync(join(dir, 'model.py'), pythonScript(doc).split('\nmodel.compile(')[0]);
    const out = runKeras(`
import json, sys, numpy as np, keras
from keras import layers
d = ${JSON.stringify(dir)}
def split(m):
    t = sum(int(np.prod(w.shape)) for w in m.trainable_weights)
    n = sum(int(np.prod(w.shape)) for w in m.non_trainable_weights)
    assert t + n == m.count_params()
    return [t, n, sorted(l.name for l in m.layers if not l.trainable and l.weights)]
res = {}
# Written by hand, as a Keras user freezes layers.
x = keras.Input((8, 8, 3), name='img')
h = layers.Conv2D(4, 3, name='conv_a')(x)
h = layers.BatchNormalization(name='bn_a')(h)
h = layers.Conv2D(6, 3, name='conv_b')(h)
h = layers.BatchNormalization(name='bn_b')(h)
h = layers.Flatten(name='flatten')(h)
h = layers.Dense(5, name='dense_a')(h)
m = keras.Model(x, layers.Dense(2, name='dense_b')(h))
for name in ${JSON.stringify(FROZEN)}:
    m.get_layer(name).trainable = False
res['hand'] = split(m)
for form in ['keras3', 'legacy']:
    res[form] = split(keras.models.model_from_json(open(d + '/' + form + '.json').read()))
res['keras'] = split(keras.models.load_model(d + '/model.keras'))
sys.argv = ['model.py']
ns = {}
exec(open(d + '/model.py').read(), ns)
res['python'] = split(ns['model'])
print(json.dumps(res))`);
    verdict = JSON.parse(out.trim().split('\n').pop()!);
  }, 300_000);

  it.each(['hand', 'keras3', 'legacy', 'keras', 'python'])('%s: Keras’ trainable / non-trainable split equals Layerflow’s', (form) => {
    const t = analyze(doc).models[doc.main].totals;
    expect(verdict[form]).toEqual([t.trainable, t.nonTrainable, FROZEN.slice().sort()]);
  });
});

describe('frozen layers: every import reads the flag back', () => {
  it('Keras 3 JSON, legacy JSON, .keras and tfjs model.json', async () => {
    const doc = frozenDoc();
    const back: Record<string, ProjectDoc> = {};
    for (const form of ['keras3', 'legacy'] as const) {
      const r = importModelValue(JSON.parse(JSON.stringify(kerasModelObject(doc, doc.main, form))), `${form}.json`);
      expect(r.ok, JSON.stringify(r.issues)).toBe(true);
      if (r.ok) back[form] = r.doc;
    }
    const built = compile(doc, doc.main, tf);
    const file = await writeKerasFile(doc, doc.main, readWeights(built.layers));
    const read = await readKerasFile(file.bytes!, 'model.keras');
    if ('issues' in read) throw new Error(JSON.stringify(read.issues));
    const k = importModelValue(read.config, 'model.keras', { tensors: read.tensors });
    if (k.ok) back.keras = k.doc;
    const exp = await exportTfjs(doc, doc.main, tf);
    const files = new Map(exp.files.map((f) => [f.name, f.bytes]));
    const json = JSON.parse(new TextDecoder().decode(files.get('model.json')));
    const t = importModelValue(json, 'model.json', { bins: files });
    if (t.ok) back.tfjs = t.doc;
    expect(Object.keys(back).sort()).toEqual(['keras', 'keras3', 'legacy', 'tfjs']);
    const want = analyze(doc).models[doc.main].totals;
    for (const [form, d] of Object.entries(back)) {
      expect(frozenNames(d), form).toEqual(FROZEN.slice().sort());
      expect(analyze(d).models[d.main].totals, form).toEqual(want);
    }
  });
});
