/** Test helper: a TrainingSession in Node with its messages collected and awaitable. */
import * as tf from '@tensorflow/tfjs';
import type { CompileConfig, ProjectDoc } from '../doc';
import { nodeEnv } from './nodeEnv';
import type { BackendChoice, DataSpec, FromWorker, TrainRequest } from './protocol';
import { TrainingSession, type SessionEnv } from './session';
import type { FitOptions } from './trainer';

export class SessionHarness {
  readonly messages: FromWorker[] = [];
  private waiters: { type: string; resolve(m: FromWorker): void; reject(e: Error): void }[] = [];
  readonly session: TrainingSession;

  /** `env` replaces parts of the Node environment (a backend that breaks). */
  constructor(env: Partial<SessionEnv> = {}) {
    this.session = new TrainingSession({
      ...nodeEnv(tf, (m) => {
        this.messages.push(m);
        // An unexpected error fails the wait at once instead of letting the test time out.
        this.waiters = this.waiters.filter((w) => (w.type === m.type ? (w.resolve(m), false) : m.type === 'error' ? (w.reject(new Error(m.message)), false) : true));
      }),
      ...env,
    });
  }

  /** The first message of this type at index ≥ `since`, now or when it comes. */
  next<K extends FromWorker['type']>(type: K, since = 0): Promise<Extract<FromWorker, { type: K }>> {
    const seen = this.messages.slice(since).find((m) => m.type === type);
    if (seen) return Promise.resolve(seen as Extract<FromWorker, { type: K }>);
    const failed = type !== 'error' && this.messages.slice(since).find((m) => m.type === 'error');
    if (failed) return Promise.reject(new Error((failed as { message: string }).message));
    return new Promise((resolve, reject) => this.waiters.push({ type, resolve: resolve as (m: FromWorker) => void, reject }));
  }

  of<K extends FromWorker['type']>(type: K): Extract<FromWorker, { type: K }>[] {
    return this.messages.filter((m) => m.type === type) as Extract<FromWorker, { type: K }>[];
  }
}

export function trainRequest(doc: ProjectDoc, compile: CompileConfig, data: DataSpec, fit: Partial<FitOptions> = {}, backend: BackendChoice = 'cpu'): TrainRequest {
  return {
    type: 'train',
    doc,
    modelId: doc.main,
    compile,
    data,
    backend,
    weights: null,
    approvedCustom: [],
    fit: { epochs: 1, batchSize: 64, validationSplit: 0.2, shuffle: true, patience: 0, restoreBest: false, ...fit },
  };
}

export const MNIST_COMPILE: CompileConfig = {
  optimizer: 'RMSprop',
  learningRate: 0.001,
  loss: { dense_2: { name: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1 } },
  metrics: ['accuracy'],
};
