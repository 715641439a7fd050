/**
 * The jail of approved custom code (Node half; the whole of it, with the realm locked, is tried
 * in Chromium by e2e/custom-sandbox.spec.ts): free names reach only plain built-ins, `import` is
 * refused, ctx.tf has ops but no io, and a layer still computes with tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileJailed, opsOnly } from './sandbox';

tf.setBackend('cpu');

describe('the custom code jail', () => {
  it('free names reach plain built-ins only; globals that reach the network or storage read as undefined', () => {
    const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'self', 'globalThis', 'eval', 'Function', 'setTimeout', 'process', 'require', 'navigator'];
    const fn = compileJailed(`return { blocked: [${names.map((n) => `typeof ${n}`).join(', ')}], math: Math.max(1, 2), self: this }`, 'Probe');
    expect(typeof fn).toBe('function');
    const r = (fn as (i: unknown, c: object) => { blocked: string[]; math: number; self: unknown })(null, {});
    expect(r.blocked).toEqual(names.map(() => 'undefined'));
    expect(r.math).toBe(2);
    expect(r.self).toBeUndefined();
    // Assigning a global is refused too (strict mode, the jail accepts no writes).
    expect(() => (compileJailed('leak = 1; return inputs;', 'Probe') as (i: unknown, c: object) => unknown)(null, {})).toThrow(TypeError);
  });

  it('refuses import (dynamic import is syntax no scope can shadow) and reports syntax errors', () => {
    expect(compileJailed('return import("data:text/javascript,1")', 'Probe')).toBe('Probe.call may not use import: custom code reaches tensors only');
    expect(compileJailed('return (', 'Probe')).toMatch(/^Probe\.call has a syntax error/);
  });

  it('ctx.tf: the ops, without io, loaders, util.fetch or env', () => {
    const ops = opsOnly(tf);
    for (const k of ['io', 'loadLayersModel', 'loadGraphModel', 'util', 'env', 'setBackend', 'layers', 'browser', 'data']) expect(ops[k], k).toBeUndefined();
    const fn = compileJailed('const { tf } = ctx; return tf.add(tf.matMul(inputs, ctx.w), 1);', 'Probe') as (i: unknown, c: object) => tf.Tensor;
    const y = fn(tf.ones([2, 3]), { tf: ops, w: tf.ones([3, 2]) });
    expect(Array.from(y.dataSync())).toEqual([4, 4, 4, 4]);
  });
});
