/**
 * Optimizers, by Keras class name (an allow-list; tfjs resolves names with `in`, so a string
 * like 'toString' would slip through tfjs's own lookup). Defaults follow Keras 3.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { fusedRmsprop } from './fusedRmsprop';

type Tf = typeof tfNs;

export interface OptimizerDef {
  defaultLr: number;
  make(tf: Tf, lr: number): tfNs.Optimizer;
}

export const OPTIMIZERS = {
  SGD: { defaultLr: 0.01, make: (tf, lr) => tf.train.sgd(lr) },
  Momentum: { defaultLr: 0.01, make: (tf, lr) => tf.train.momentum(lr, 0.9) },
  Adam: { defaultLr: 0.001, make: (tf, lr) => tf.train.adam(lr, 0.9, 0.999, 1e-7) },
  RMSprop: { defaultLr: 0.001, make: (tf, lr) => fusedRmsprop(tf, lr, 0.9, 0, 1e-7) },
  Adagrad: { defaultLr: 0.001, make: (tf, lr) => tf.train.adagrad(lr, 0.1) },
  Adadelta: { defaultLr: 0.001, make: (tf, lr) => tf.train.adadelta(lr, 0.95, 1e-7) },
  Adamax: { defaultLr: 0.001, make: (tf, lr) => tf.train.adamax(lr, 0.9, 0.999, 1e-7) },
} satisfies Record<string, OptimizerDef>;

export type OptimizerName = keyof typeof OPTIMIZERS;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];

export function optimizerDef(name: string): OptimizerDef | undefined {
  return Object.prototype.hasOwnProperty.call(OPTIMIZERS, name) ? (OPTIMIZERS as Record<string, OptimizerDef>)[name] : undefined;
}
