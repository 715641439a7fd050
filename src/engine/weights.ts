/** Trained weights live beside the document (not in it: they are large binary data). */
import type { LayerId } from './doc';

export interface TensorData {
  shape: number[];
  data: Float32Array;
}

/** Weights by layer id, each list in the order of the layer kind's `weights()` (Keras order). */
export type WeightSet = Record<LayerId, TensorData[]>;
