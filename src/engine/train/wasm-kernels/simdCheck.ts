/**
 * Test support: the products of our SIMD module (simdModule.ts) alone, on a memory of its own, against a plain
 * JS product — in the test's process and, for the relaxed-SIMD (FMA) variant Node 20 only runs
 * behind a flag, in a child process.
 */
import { multiply, type Gemm } from './gemm';
import { simdModuleBytes } from './simdModule';
import { relDiff, seeded } from './testSupport';

/** Max relative difference over products with transposed A, tails beside the tiles and K over one block. */
export function checkGemm(fma: boolean): number {
  const memory = new WebAssembly.Memory({ initial: 256 });
  const g = new WebAssembly.Instance(new WebAssembly.Module(simdModuleBytes(false, 65536, fma)), { env: { memory } }).exports as unknown as Gemm;
  let worst = 0;
  for (const [m, k, n, ta] of [[13, 300, 19, false], [64, 784, 64, true], [4, 8, 8, false], [1, 600, 10, true], [9, 0, 3, false]] as const) {
    const heap = new Float32Array(memory.buffer);
    const [a, b] = [seeded(m * k, 1), seeded(k * n, 2)];
    const [pa, pb, pc] = [0, m * k, m * k + k * n];
    heap.set(a, pa);
    heap.set(b, pb);
    multiply(g, { a: pa * 4, b: pb * 4, c: pc * 4, m, n, k, aRow: ta ? 4 : 4 * k, aK: ta ? 4 * m : 4, bRow: 4 * n, cRow: 4 * n });
    const ref = new Float32Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += a[ta ? q * m + i : i * k + q] * b[q * n + j];
      ref[i * n + j] = s;
    }
    worst = Math.max(worst, relDiff(heap.subarray(pc, pc + m * n), ref));
  }
  return worst;
}
