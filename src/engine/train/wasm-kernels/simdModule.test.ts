import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGemm } from './simdCheck';

describe('our SIMD module: products', () => {
  it('multiplies as plain JS does (SIMD mul + add)', () => {
    expect(checkGemm(false)).toBeLessThan(1e-5);
  });

  it('multiplies as plain JS does with relaxed SIMD fused multiply-add (what Chromium runs)', () => {
    const check = fileURLToPath(new URL('./simdCheck.ts', import.meta.url));
    const out = execFileSync(process.execPath, [
      '--experimental-wasm-relaxed-simd', '--import', 'tsx', '--input-type=module',
      '-e', `import { checkGemm } from ${JSON.stringify(check)}; console.log(checkGemm(true));`,
    ], { encoding: 'utf8' });
    expect(Number(out.trim())).toBeLessThan(1e-5);
  });
});
