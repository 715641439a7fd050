/** diffModels: added / removed / changed calls with param, shape and count deltas; matched by name, then structure. */
import { describe, expect, it } from 'vitest';
import { diffModels, type DiffEntry } from './diff';
import { ProjectBuilder } from './build';
import type { ProjectDoc } from './doc';
import { renameLayer, setParam, setTrainable } from './edit/layers';
import { TEMPLATES } from '../templates';

const layerId = (doc: ProjectDoc, name: string) => Object.values(doc.layers).find((l) => l.name === name)!.id;
const side = (doc: ProjectDoc, modelName?: string) => ({ doc, modelId: modelName ? Object.values(doc.models).find((m) => m.name === modelName)!.id : doc.main });
const byName = (entries: DiffEntry[]) => Object.fromEntries(entries.map((e) => [(e.after ?? e.before)!.name, e]));

function mlp(hidden: number, extra: boolean, outName = 'dense_2') {
  const b = new ProjectBuilder('mlp');
  const x = b.input([784], { name: 'pixels' });
  let h = b.layer('Dense', { units: hidden, activation: 'relu' }, 'dense').call(x);
  h = b.layer('Dense', { units: 64, activation: 'relu' }, 'dense_1').call(h);
  if (extra) h = b.layer('Dropout', { rate: 0.5 }, 'dropout').call(h);
  b.model('mlp', [x], [b.layer('Dense', { units: 10 }, outName).call(h)]);
  return b.build();
}

describe('diffModels', () => {
  it('a model against itself: all the same, no delta', () => {
    const doc = TEMPLATES.toy_resnet.build();
    const d = diffModels(side(doc), side(doc));
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, same: 15 });
    expect(d.totals).toEqual({ before: 223_242, after: 223_242, delta: 0 });
  });

  it('units changed, a layer added, one renamed: params, shapes and counts of each', () => {
    const before = mlp(64, false);
    const after = mlp(128, true, 'logits');
    const d = diffModels(side(before), side(after));
    const e = byName(d.entries);
    expect(e.dense).toMatchObject({ status: 'changed', matchedBy: 'name', shapesChanged: true, params: [{ key: 'units', before: 64, after: 128 }] });
    // 784·128+128 − (784·64+64)
    expect(e.dense.paramDelta).toBe(100_480 - 50_240);
    expect(e.dense.before!.shapes).toEqual(['(None, 64)']);
    expect(e.dense.after!.shapes).toEqual(['(None, 128)']);
    // dense_1's own params are the same; its kernel grows with its input: 128·64+64 − (64·64+64).
    expect(e.dense_1).toMatchObject({ status: 'changed', params: [], shapesChanged: false, paramDelta: 8_256 - 4_160 });
    expect(e.dropout).toMatchObject({ status: 'added', paramDelta: 0 });
    // Renamed: paired by structure (the only Dense left), unchanged but for its name.
    expect(e.logits).toMatchObject({ status: 'changed', matchedBy: 'structure', params: [], paramDelta: 0 });
    expect(e.logits.before!.name).toBe('dense_2');
    expect(e.pixels.status).toBe('same');
    expect(d.counts).toEqual({ added: 1, removed: 0, changed: 3, same: 1 });
    expect(d.totals.delta).toBe(50_240 + 4_096);

    // The other way round, the dropout is removed.
    const back = diffModels(side(after), side(before));
    expect(byName(back.entries).dropout).toMatchObject({ status: 'removed', paramDelta: 0 });
    expect(back.totals.delta).toBe(-(50_240 + 4_096));
  });

  it('structure pairs a renamed layer by its inputs, not only by order', () => {
    const doc = TEMPLATES.toy_resnet.build();
    let edited = renameLayer(doc, layerId(doc, 'conv2d_12'), 'block3_a');
    edited = renameLayer(edited, layerId(edited, 'conv2d_13'), 'block3_b');
    edited = setParam(edited, layerId(edited, 'dense_6'), 'units', 128);
    edited = setTrainable(edited, layerId(edited, 'conv2d_8'), false);
    const e = byName(diffModels(side(doc), side(edited)).entries);
    expect(e.block3_a.before!.name).toBe('conv2d_12');
    expect(e.block3_b.before!.name).toBe('conv2d_13');
    expect(e.dense_6).toMatchObject({ status: 'changed', paramDelta: (64 * 128 + 128) - (64 * 256 + 256) });
    expect(e.dense_7.paramDelta).toBe((128 * 10 + 10) - (256 * 10 + 10));
    expect(e.conv2d_8).toMatchObject({ status: 'changed', trainableChanged: true, paramDelta: 0 });
  });

  it('two models of one project: the autoencoder’s encoder against its decoder', () => {
    const doc = TEMPLATES.autoencoder_nested.build();
    const d = diffModels(side(doc, 'encoder'), side(doc, 'decoder'));
    expect(d.totals).toEqual({ before: 18_672, after: 9_569, delta: 9_569 - 18_672 });
    expect(d.counts.added + d.counts.changed + d.counts.same).toBe(Object.values(side(doc, 'decoder').doc.models).find((m) => m.name === 'decoder')!.nodes.length);
    expect(d.entries.filter((e) => e.status === 'removed').every((e) => e.before!.kind !== 'InputLayer')).toBe(true);
  });

  it('a missing model diffs as empty, without throwing', () => {
    const doc = TEMPLATES.mnist_model.build();
    const d = diffModels({ doc, modelId: 'nope' }, side(doc));
    expect(d.counts.added).toBe(4);
    expect(d.totals.before).toBe(0);
  });
});
