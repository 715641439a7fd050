/**
 * Real Keras 3 (JAX backend) as the judge in tests. globalSetup.ts finds it once per run
 * ($LAYERFLOW_PYTHON, else ./.venv/bin/python) and passes it as $LAYERFLOW_KERAS; tests use
 * `describe.skipIf(!kerasPython)`, and the setup says why they skip.
 */
import { execFileSync } from 'node:child_process';

export const kerasPython: string | null = process.env.LAYERFLOW_KERAS || null;

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
