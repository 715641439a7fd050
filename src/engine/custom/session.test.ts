/** Custom layers through the training worker's session (Node): refused until approved, then trained. */
import { describe, expect, it } from 'vitest';
import { SessionHarness, trainRequest } from '../train/testSession';
import { customDense } from '../../templates/custom_dense';
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

  it('trains an approved class', async () => {
    const h = new SessionHarness();
    const doc = customDense();
    h.session.handle({ ...trainRequest(doc, COMPILE, { kind: 'synthetic', count: 64 }, { epochs: 2, batchSize: 16 }), approvedCustom: ['CustomDense'] });
    const done = await h.next('done');
    expect(done).toBeTruthy();
  });
});
