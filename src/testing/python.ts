/**
 * Real Keras 3 (JAX backend) as the judge in tests. Finds a Python that imports keras:
 * $LAYERFLOW_PYTHON, else ./.venv/bin/python. Tests use `describe.skipIf(!kerasPython)` and
 * say why they skip.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

function find(): string | null {
  for (const p of [process.env.LAYERFLOW_PYTHON, resolve('.venv/bin/python')]) {
    if (!p || !existsSync(p)) continue;
    const r = spawnSync(p, ['-c', 'import keras, jax'], { env: { ...process.env, KERAS_BACKEND: 'jax' }, timeout: 60_000 });
    if (r.status === 0) return p;
  }
  return null;
}

export const kerasPython: string | null = find();
if (!kerasPython) console.warn('Keras 3 not found ($LAYERFLOW_PYTHON or .venv/bin/python): Keras fidelity tests skip');

/** Run a Python script with Keras (JAX backend); returns stdout. Throws with stderr on failure. */
export function runKeras(script: string, opts: { cwd?: string; timeoutMs?: number } = {}): string {
  if (!kerasPython) throw new Error('no Keras Python');
  try {
    return execFileSync(kerasPython, ['-c', script], {
      cwd: opts.cwd,
      env: { ...process.env, KERAS_BACKEND: 'jax', TF_CPP_MIN_LOG_LEVEL: '3', JAX_PLATFORMS: 'cpu' },
      timeout: opts.timeoutMs ?? 120_000,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`Keras script failed: ${err.stderr?.slice(-3000) ?? err.message}`, { cause: e });
  }
}
