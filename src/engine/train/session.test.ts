/**
 * The training engine end to end in Node, through the same TrainingSession the worker runs:
 * real MNIST (a subset), the seed's multi-input/output model on synthetic data, Stop, a second
 * fit refused, divergence, evaluate and predict.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../build';
import { TEMPLATES } from '../../templates';
import { defaultCompile } from './compileSpec';
import { MNIST_COMPILE, SessionHarness, trainRequest } from './testSession';

let h: SessionHarness;
afterEach(() => h?.session.dispose());

const finite = (w: Record<string, { data: Float32Array }[]>) => Object.values(w).every((list) => list.every((t) => t.data.every(Number.isFinite)));

describe('training session', () => {
  it('trains the seed MNIST model on real MNIST, evaluates with a confusion matrix and predicts', { timeout: 300_000 }, async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.mnist_model.build();
    await h.session.handle(trainRequest(doc, MNIST_COMPILE, { kind: 'mnist', limit: 1800 }, { epochs: 2 }));
    const done = await h.next('done');
    expect(done.result.status).toBe('completed');
    expect(h.of('backend')[0].info.backend).toBe('cpu');
    expect(h.of('data')[0]).toMatchObject({ train: 1440, val: 360, test: 300 });
    const epochs = h.of('epoch');
    expect(epochs.map((e) => e.end.epoch)).toEqual([1, 2]);
    expect(epochs[1].end.logs.loss).toBeLessThan(epochs[0].end.logs.loss);
    expect(epochs[1].end.logs.val_accuracy).toBeGreaterThan(0.75);
    expect(h.of('progress').length).toBeGreaterThan(0);
    expect(finite(done.weights)).toBe(true);
    // weights by layer id, in Keras order (kernel, bias)
    const dense = Object.values(doc.layers).find((l) => l.name === 'dense')!;
    expect(done.weights[dense.id].map((t) => t.shape)).toEqual([[784, 64], [64]]);

    await h.session.handle({ type: 'evaluate' });
    const ev = await h.next('evaluated');
    expect(ev.logs.accuracy).toBeGreaterThan(0.75);
    const m = ev.confusion.dense_2;
    expect(m.length).toBe(10);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(300);
    const right = m.reduce((a, row, i) => a + row[i], 0);
    expect(right / 300).toBeCloseTo(ev.logs.accuracy, 5);

    await h.session.handle({ type: 'predict', rows: [0, 1, 2] });
    const p = await h.next('predicted');
    expect(p.predictions[0].shape).toEqual([10]);
    for (let r = 0; r < 3; r++) {
      const probs = Array.from(p.predictions[0].values.subarray(r * 10, r * 10 + 10));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4); // softmax applied to the logits
    }
    expect(p.samples[0].input.length).toBe(784);
    expect(p.samples[0].label?.dense_2).toBeGreaterThanOrEqual(0);
  });

  it('resumes: a second fit on the same model continues the epoch count and the loss', async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.mnist_model.build();
    const req = trainRequest(doc, MNIST_COMPILE, { kind: 'mnist', limit: 600 }, { epochs: 1 });
    await h.session.handle(req);
    const first = await h.next('done');
    const since = h.messages.length;
    await h.session.handle(req);
    const second = await h.next('done', since);
    expect(second.result.epochsDone).toBe(2);
    expect(h.of('epoch').map((e) => e.end.epoch)).toEqual([1, 2]);
    expect(first.result.history[0].loss).toBeGreaterThan(second.result.history[0].loss);
  });

  it('refuses a second fit while one runs, and Stop mid-epoch keeps a usable model', { timeout: 300_000 }, async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.mnist_model.build();
    const req = trainRequest(doc, MNIST_COMPILE, { kind: 'mnist', limit: 6000 }, { epochs: 5, batchSize: 32 });
    const running = h.session.handle(req);
    while ((h.of('progress').at(-1)?.progress.batch ?? 0) < 15) await h.next('progress', h.messages.length);
    await h.session.handle(req);
    expect(h.of('refused')[0].message).toMatch(/in progress/);
    await h.session.handle({ type: 'stop' });
    await running;
    const done = await h.next('done');
    expect(done.result.status).toBe('stopped');
    expect(done.result.epochsDone).toBe(0);
    expect(finite(done.weights)).toBe(true);
    await h.session.handle({ type: 'evaluate' });
    const ev = await h.next('evaluated');
    expect(ev.logs.accuracy).toBeGreaterThan(0.3); // 15+ batches already beat chance (0.1) by far
  });

  it('trains the multi-input/output ticket classifier on synthetic data and reports both losses', async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.ticket_classifier.build();
    const compile = defaultCompile(doc, doc.main, [
      { name: 'priority', shape: [null, 1] },
      { name: 'department', shape: [null, 4] },
    ]);
    expect(compile.loss.priority).toMatchObject({ name: 'binary_crossentropy', fromLogits: true });
    expect(compile.loss.department).toMatchObject({ name: 'sparse_categorical_crossentropy', fromLogits: true });
    compile.loss.department.weight = 0.2;
    await h.session.handle(trainRequest(doc, compile, { kind: 'synthetic', count: 96 }, { epochs: 1, batchSize: 32, validationSplit: 0 }, 'wasm'));
    const done = await h.next('done');
    expect(done.result.status).toBe('completed');
    const logs = done.result.history[0];
    expect(Object.keys(logs)).toEqual(expect.arrayContaining(['loss', 'priority_loss', 'department_loss', 'priority_accuracy', 'department_accuracy']));
    // the total is the weighted sum of the outputs' losses
    expect(logs.loss).toBeCloseTo(logs.priority_loss + 0.2 * logs.department_loss, 4);
  });

  it('stops within one batch when the loss diverges, keeping the last good weights', async () => {
    h = new SessionHarness();
    const b = new ProjectBuilder('blowup');
    const x = b.input([8]);
    // Linear regression with SGD at lr 9: every step multiplies the error by |1 − 2·lr·λ| > 1, so
    // it diverges on every run (a ReLU net could instead die, or blow up on the first batch).
    const y = b.layer('Dense', { units: 1 }, 'out').call(x);
    b.model('blowup', [x], [y]);
    const doc = b.build();
    const compile = { optimizer: 'SGD', learningRate: 9, loss: { out: { name: 'mean_squared_error', fromLogits: false, weight: 1 } }, metrics: [] };
    await h.session.handle(trainRequest(doc, compile, { kind: 'synthetic', count: 2048 }, { epochs: 3, batchSize: 16, validationSplit: 0 }));
    const done = await h.next('done');
    expect(done.result.status).toBe('diverged');
    expect(done.result.diverged!.epoch).toBe(1);
    expect(done.result.diverged!.batch).toBeGreaterThan(1);
    expect(Number.isFinite(done.result.diverged!.loss)).toBe(false);
    expect(finite(done.weights)).toBe(true);
  });

  it('a backend that breaks mid-fit (a lost WebGL context) is reported once, as recoverable, and nothing after the break is checkpointed', async () => {
    let broken: string | null = null;
    h = new SessionHarness({ backendProblem: () => broken });
    const doc = TEMPLATES.mnist_model.build();
    const running = h.session.handle(trainRequest(doc, MNIST_COMPILE, { kind: 'mnist', limit: 1200 }, { epochs: 5, batchSize: 32 }));
    await h.next('epoch');
    // What the worker does on 'webglcontextlost': the fit may be stuck on a fence, so report now.
    broken = 'the WebGL context was lost';
    h.session.backendFailed(broken);
    await running;
    expect(h.of('error')).toEqual([{ type: 'error', message: broken, issues: [], recoverable: true }]);
    expect(h.of('epoch').map((e) => e.end.epoch)).toEqual([1]);
    expect(h.of('done')).toEqual([]);
  });

  it('says what disagrees when data and model do not fit', async () => {
    h = new SessionHarness();
    const b = new ProjectBuilder('cnn');
    const x = b.input([32, 32, 3]);
    const y = b.layer('Dense', { units: 10 }).call(b.layer('Flatten').call(x));
    b.model('cnn', [x], [y]);
    const doc = b.build();
    const compile = defaultCompile(doc, doc.main, [{ name: 'dense', shape: [null, 10] }]);
    await h.session.handle(trainRequest(doc, compile, { kind: 'mnist', limit: 100 }));
    const err = await h.next('error');
    expect(err.recoverable).toBe(false);
    expect(err.message).toContain("input 'input_layer' expects (None, 32, 32, 3)");
  });

  it('refuses optimizer and loss names outside the allow-list', async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.mnist_model.build();
    await h.session.handle(trainRequest(doc, { ...MNIST_COMPILE, optimizer: 'toString' }, { kind: 'mnist', limit: 100 }));
    expect((await h.next('error')).message).toContain('unknown optimizer "toString"');
  });
});

describe('training session (wasm)', () => {
  it('trains MNIST on the wasm backend through the same code', async () => {
    h = new SessionHarness();
    const doc = TEMPLATES.mnist_model.build();
    await h.session.handle(trainRequest(doc, MNIST_COMPILE, { kind: 'mnist', limit: 1800 }, { epochs: 1 }, 'wasm'));
    const done = await h.next('done');
    expect(h.of('backend')[0].info).toMatchObject({ backend: 'wasm', simd: true });
    expect(done.result.history[0].val_accuracy).toBeGreaterThan(0.6);
    await tf.setBackend('cpu');
  });
});
