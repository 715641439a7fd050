/** WASM threads: 'auto' follows the bench measurement and says so; on/off are the user's. */
import { expect, it } from 'vitest';
import { wasmThreads } from './threads';

it('auto uses threads with the measured numbers as the reason; on and off are the user’s', () => {
  const auto = wasmThreads('auto');
  expect(auto.use).toBe(true);
  const [, threads, single] = /\(([\d.]+) vs ([\d.]+) s per MNIST epoch single-threaded\)/.exec(auto.why)!.map(Number);
  expect(threads).toBeLessThan(single); // the rule agrees with its own measurement
  expect(wasmThreads('on')).toEqual({ use: true, why: 'threads chosen by you' });
  expect(wasmThreads('off')).toEqual({ use: false, why: 'single thread chosen by you' });
});
