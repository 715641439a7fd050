/** WASM threads 'auto': threads for models with convolutions (also inside a called model), one thread otherwise. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../templates';
import { hasConv, wasmThreads } from './threads';

describe('WASM threads', () => {
  it('finds convolutions in the model and in the models it calls', () => {
    const conv = (name: string) => {
      const doc = TEMPLATES[name].build();
      return hasConv(doc, doc.main);
    };
    expect(conv('mnist_model')).toBe(false);
    expect(conv('ticket_classifier')).toBe(false);
    expect(conv('toy_resnet')).toBe(true);
    // The autoencoder's main model calls the encoder and decoder models, where the Conv2D layers are.
    const nested = TEMPLATES.autoencoder_nested.build();
    const main = nested.models[nested.main];
    expect(main.nodes.some((n) => 'model' in n.call)).toBe(true);
    expect(main.nodes.some((n) => 'layer' in n.call && /Conv/.test(nested.layers[n.call.layer].kind))).toBe(false);
    expect(hasConv(nested, nested.main)).toBe(true);
  });
  it('auto follows the measurement and says so; on/off are the user’s', () => {
    expect(wasmThreads('auto', true)).toMatchObject({ use: true, why: expect.stringMatching(/^auto: threads for this conv model \(measured on 2 cores: [\d.]+ vs [\d.]+ s/) });
    expect(wasmThreads('auto', false)).toMatchObject({ use: false, why: expect.stringMatching(/^auto: single-thread SIMD for this dense model/) });
    expect(wasmThreads('on', false)).toEqual({ use: true, why: 'threads chosen by you' });
    expect(wasmThreads('off', true)).toEqual({ use: false, why: 'single thread chosen by you' });
  });
});
