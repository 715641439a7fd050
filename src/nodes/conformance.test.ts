/**
 * One harness for every layer kind, as Keras tests its layers: each kind's examples are run
 * through the engine (infer, weights → param count) and through tfjs itself (tf.input +
 * layer.apply(...).shape, countParams()); both must agree. Cases tfjs 4.22 cannot build must
 * be refused by the engine with a reason instead.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, paramCount } from './kind';
import { fmtShape, type Shape } from '../engine/shape';

tf.setBackend('cpu');

const symbolicShapes = (out: tf.SymbolicTensor | tf.SymbolicTensor[]): Shape[] => (Array.isArray(out) ? out : [out]).map((t) => t.shape);

describe.each(Object.values(KINDS).map((k) => [k.kind, k] as const))('%s', (_name, kind) => {
  it('has examples', () => expect(kind.examples.length).toBeGreaterThan(0));

  it.each(kind.examples.map((ex, i) => [i, ex.inputs.map(fmtShape).join(' + ') || '()', JSON.stringify(ex.params ?? {}), ex] as const))(
    'example %i: %s with %s',
    (_i, _in, _p, ex) => {
      const p = fillParams(kind, ex.params);
      const inferred = kind.infer(ex.inputs, p);
      if (!inferred.ok) throw new Error(`engine refused a conformance example: ${inferred.message}`);
      const built = buildTfjs(kind, p, `t${_i}`, tf);
      if (ex.tfjsUnsupported) {
        expect(built).toHaveProperty('unsupported');
        expect((built as { unsupported: string }).unsupported).toMatch(/tfjs/);
        return;
      }
      if ('unsupported' in built) throw new Error(built.unsupported);
      const layer = built as tf.layers.Layer;
      let shapes: Shape[];
      if (kind.kind === 'InputLayer') {
        shapes = [(layer.inboundNodes[0].outputTensors[0] as tf.SymbolicTensor).shape];
      } else {
        const ins = ex.inputs.map((s, j) => tf.input({ batchShape: [...s], name: `in${_i}_${j}` }));
        shapes = symbolicShapes(layer.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor | tf.SymbolicTensor[]);
      }
      expect(inferred.shapes.map(fmtShape)).toEqual(shapes.map(fmtShape));
      const counts = paramCount(kind, ex.inputs, p);
      expect(counts.trainable + counts.nonTrainable).toBe(layer.countParams());
      const tfTrainable = layer.trainableWeights.reduce((a, v) => a + v.shape.reduce((x: number, y) => x * (y as number), 1), 0);
      expect(counts.trainable).toBe(tfTrainable);
    },
  );
});
