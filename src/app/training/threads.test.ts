/** WASM threads: 'auto' uses them and says when they apply; on/off are the user's. */
import { expect, it } from 'vitest';
import { wasmThreads } from './threads';

it('auto uses threads and names the condition; on and off are the user’s', () => {
  const auto = wasmThreads('auto');
  expect(auto.use).toBe(true);
  expect(auto.why).toContain('cross-origin isolated');
  expect(wasmThreads('on')).toEqual({ use: true, why: 'threads chosen by you' });
  expect(wasmThreads('off')).toEqual({ use: false, why: 'single thread chosen by you' });
});
