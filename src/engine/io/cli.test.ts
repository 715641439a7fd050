/** `layerflow import` / `layerflow export` run as users run them (node bin/layerflow.mjs). */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../doc';
import { tmp } from './fixtures/judge';

const BIN = join(import.meta.dirname, '../../../bin/layerflow.mjs');
const layerflow = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 180_000 }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

describe('layerflow export / import', () => {
  it('exports a template as tfjs, imports it back with its weights, and re-exports it as Python and Keras', async () => {
    const dir = tmp('cli');
    const exp = await layerflow('export', 'template:toy_resnet', '--format', 'tfjs', '--out', join(dir, 'tfjs'));
    expect(exp.stderr.replace(/=+\n|Hi, looks like.*\n/g, '').trim()).toBe('');
    expect(exp.code).toBe(0);
    expect(existsSync(join(dir, 'tfjs/model.json')) && existsSync(join(dir, 'tfjs/group1-shard1of1.bin'))).toBe(true);
    const imp = await layerflow('import', join(dir, 'tfjs/model.json'), '--out', join(dir, 'p.json'));
    expect(imp.code).toBe(0);
    const doc = parseProject(JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'))).doc!;
    expect(Object.values(doc.layers).filter((l) => l.kind === 'Conv2D')).toHaveLength(7);
    expect(existsSync(join(dir, 'p.weights/model.json'))).toBe(true);
    const py = await layerflow('export', join(dir, 'p.json'), '--format', 'python', '--distribute', '--out', join(dir, 'py'));
    expect(py.code).toBe(0);
    expect(readFileSync(join(dir, 'py/toy_resnet.py'), 'utf8')).toContain('tf.distribute.MirroredStrategy()');
    const k = await layerflow('export', join(dir, 'tfjs/model.json'), '--format', 'keras3', '--out', join(dir, 'k'));
    expect(k.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'k/toy_resnet.keras3.json'), 'utf8')).class_name).toBe('Functional');
  }, 300_000);

  it('refuses a hostile file with the reason, writing nothing', async () => {
    const dir = tmp('cli');
    writeFileSync(join(dir, 'evil.json'), JSON.stringify({ class_name: 'Functional', config: { layers: [{ class_name: 'Lambda', name: 'l', config: { name: 'l' } }], input_layers: [], output_layers: [] } }));
    const r = await layerflow('import', join(dir, 'evil.json'), '--out', join(dir, 'p.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[unsafe]');
    expect(r.stderr).toContain('Lambda');
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
  }, 120_000);
});
