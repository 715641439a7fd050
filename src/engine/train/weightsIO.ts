/** The buffers of a WeightSet, to transfer it to another thread without copying. */
import type { WeightSet } from '../weights';

export const weightBuffers = (ws: WeightSet): ArrayBuffer[] => Object.values(ws).flatMap((list) => list.map((t) => t.data.buffer as ArrayBuffer));
