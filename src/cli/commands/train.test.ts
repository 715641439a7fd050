/** `layerflow train` end to end: a real process, a small MNIST subset, Keras-style output. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => execFileSync('npx', ['tsx', 'src/cli/main.ts', 'train', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('layerflow train', () => {
  it('trains template:mnist_model on MNIST and prints Keras-style progress and test metrics', { timeout: 300_000 }, () => {
    const out = run('template:mnist_model', '--dataset', 'mnist', '--epochs', '2', '--batch-size', '64', '--validation-split', '0.2', '--backend', 'cpu', '--limit', '600');
    expect(out).toContain('Data: MNIST (600 train / 100 test): 480 train, 120 validation, 100 test samples');
    expect(out).toMatch(/^Epoch 1\/2$/m);
    expect(out).toMatch(/^Epoch 2\/2$/m);
    expect(out).toMatch(/^8\/8 \[=+\] - \d+s \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/m);
    const acc = Number(/^Test accuracy: ([\d.]+)$/m.exec(out)?.[1]);
    expect(acc).toBeGreaterThan(0.4);
  });

  it('explains bad arguments', () => {
    expect(() => run('template:nope')).toThrow(/no template "nope"/);
    expect(() => run('template:mnist_model', '--dataset', 'cifar')).toThrow(/--dataset is mnist or synthetic/);
  });
});
