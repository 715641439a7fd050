/** The check the kind tests run against real Keras' report on a layer it built from our Python call or our config. */
import { expect } from 'vitest';
import { paramCount, type LayerKind } from '../nodes/kind';
import type { Params } from '../nodes/params';
import { fmtShape, type Shape } from '../engine/shape';

/** What real Keras reported for a built layer: its output shape (or shapes), param counts and weight shapes. */
export interface KerasBuild {
  shape?: Shape;
  shapes?: Shape[];
  params: number;
  trainable: number;
  weights: number[][];
}

/** Our kind infers the output shape(s), param counts and weight shapes Keras reported (`tag` names the build). */
export function expectKerasBuild(k: LayerKind, inputs: Shape[], p: Params, got: KerasBuild, tag: string) {
  const r = k.infer(inputs, p);
  if (!r.ok) throw new Error(r.message);
  if (got.shapes) expect(r.shapes.map(fmtShape), tag).toEqual(got.shapes.map(fmtShape));
  else expect(fmtShape(r.shapes[0]), tag).toBe(fmtShape(got.shape!));
  const counts = paramCount(k, inputs, p);
  expect(counts.trainable + counts.nonTrainable, tag).toBe(got.params);
  expect(counts.trainable, tag).toBe(got.trainable);
  expect(k.weights(inputs, p).map((s) => s.shape), tag).toEqual(got.weights);
}
