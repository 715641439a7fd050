/**
 * Vitest global setup: find the Keras judge once for the whole run (importing JAX is slow on a
 * busy machine) and hand the answer to every test worker through the environment.
 * Where $LAYERFLOW_PYTHON is set (CI sets it), a Python without Keras fails the run instead
 * of silently skipping the fidelity tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup() {
  const explicit = process.env.LAYERFLOW_PYTHON;
  const candidates = explicit ? [explicit] : [resolve('.venv/bin/python')];
  for (const p of candidates) {
    if (!existsSync(p)) continue;
    const r = spawnSync(p, ['-c', 'import keras, jax'], { env: { ...process.env, KERAS_BACKEND: 'jax' }, timeout: 300_000, encoding: 'utf8' });
    if (r.status === 0) {
      process.env.LAYERFLOW_KERAS = p;
      return;
    }
    if (explicit) throw new Error(`LAYERFLOW_PYTHON=${explicit} cannot import keras and jax: ${r.stderr?.slice(-500) || r.error?.message}`);
  }
  if (explicit) throw new Error(`LAYERFLOW_PYTHON=${explicit} does not exist`);
  process.env.LAYERFLOW_KERAS = '';
  console.warn('Keras 3 not found (.venv/bin/python or $LAYERFLOW_PYTHON): Keras fidelity tests skip');
}
