/** Custom layers through the training worker's session (Node): refused until approved, then trained. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SessionHarness, trainRequest } from '../train/testSession';
import { customDense } from '../../templates/custom_dense';
import { ProjectBuilder } from '../build';
import { CUSTOM_DENSE } from './definition';
import type { CompileConfig } from '../doc';

const COMPILE: CompileConfig = { optimizer: 'Adam', learningRate: 0.01, loss: { custom_dense: { name: 'mean_squared_error', fromLogits: false, weight: 1 } }, metrics: [] };

describe('custom layers in the training session', () => {
  it('refuses to build an unapproved class, naming it', async () => {
    const h = new SessionHarness();
    const doc = customDense();
    h.session.handle(trainRequest(doc, COMPILE, { kind: 'synthetic', count: 64 }));
    const err = await h.next('error');
    expect(err.message).toContain('CustomDense runs custom code that is not approved');
  });

  it('a refused request leaves no tensor behind (the Dense built before the refusal is freed)', async () => {
    const h = new SessionHarness();
    const b = new ProjectBuilder('dense_then_custom');
    b.defineCustom(CUSTOM_DENSE);
    const x = b.input([4]);
    b.model('custom_dense', [x], [b.layer('CustomDense', { units: 10 }).call(b.layer('Dense', { units: 4 }).call(x))]);
    const doc = b.build();
    const refuse = async () => {
      const n0 = h.messages.length;
      h.session.handle(trainRequest(doc, COMPILE, { kind: 'synthetic', count: 64 }));
      await h.next('error', n0);
    };
    await refuse(); // warm-up: backend started
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await refuse();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains an approved class', async () => {
    const h = new SessionHarness();
    const doc = customDense();
    h.session.handle({ ...trainRequest(doc, COMPILE, { kind: 'synthetic', count: 64 }, { epochs: 2, batchSize: 16 }), approvedCustom: ['CustomDense'] });
    const done = await h.next('done');
    expect(done).toBeTruthy();
  });
});

describe('a throw inside a custom call', () => {
  it('becomes an issue on the layer\'s node, and the worker keeps answering', async () => {
    const h = new SessionHarness();
    const doc = customDense();
    const custom = { CustomDense: { ...(doc.custom!.CustomDense as object), call: 'throw new Error("boom at step " + ctx.training)' } };
    h.session.handle({ ...trainRequest({ ...doc, custom }, COMPILE, { kind: 'synthetic', count: 64 }), approvedCustom: ['CustomDense'] });
    const err = await h.next('error');
    expect(err.message).toContain('CustomDense: call threw: boom');
    const node = doc.models[doc.main].nodes.find((n) => 'layer' in n.call && doc.layers[n.call.layer].kind === 'CustomDense')!;
    expect(err.issues).toEqual([expect.objectContaining({ code: 'custom-code', nodeId: node.id, modelId: doc.main })]);
    // Still alive: a valid request afterwards trains.
    const n0 = h.messages.length;
    h.session.handle({ ...trainRequest(doc, COMPILE, { kind: 'synthetic', count: 64 }), approvedCustom: ['CustomDense'] });
    expect(await h.next('done', n0)).toBeTruthy();
  });
});
