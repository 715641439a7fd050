/**
 * The CLI as an attacker and a careless user drive it (real subprocesses, real pipes): output
 * through a slow pipe arrives whole, prototype names are refused by name, a project file gets
 * the JSON guards a model file gets, and an import that drops a part exits non-zero.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../engine/build';
import { tmp } from '../engine/io/fixtures/judge';
import { validModelJson, VALID_BIN_FLOATS } from '../engine/io/fixtures/valid';
import { entriesOf, h5Resized, kerasBytes, rezip } from '../engine/io/fixtures/archives';

const BIN = join(import.meta.dirname, '../../bin/layerflow.mjs');
type Run = { code: number; stdout: string; stderr: string };
const done = (resolve: (r: Run) => void) => (err: Error | null, stdout: string, stderr: string) =>
  resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
const layerflow = (...args: string[]) => new Promise<Run>((resolve) => execFile(process.execPath, [BIN, ...args], { timeout: 180_000 }, done(resolve)));
/** A shell pipeline: the CLI's stdout into `reader`, which starts reading a second late (the pipe fills at 64 KB meanwhile). */
const piped = (args: string, reader: string) =>
  new Promise<Run>((resolve) => execFile('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} | (sleep 1; ${reader})`], { timeout: 180_000, maxBuffer: 64 << 20 }, done(resolve)));

/** A chain of 2,000 Dense layers: its summary is ~117 KB, far past a pipe's 64 KB buffer. */
function bigProject(dir: string): string {
  const b = new ProjectBuilder('big');
  let x = b.input([8]);
  const input = x;
  for (let i = 0; i < 2000; i++) x = b.layer('Dense', { units: 8 }).call(x);
  b.model('big', [input], [x]);
  const file = join(dir, 'big.json');
  writeFileSync(file, JSON.stringify(b.build()));
  return file;
}

describe('layerflow through a pipe', () => {
  it('summary output larger than the pipe buffer arrives whole (| cat, | grep Total)', async () => {
    const file = bigProject(tmp('cli-pipe'));
    const [all, grep] = await Promise.all([piped(`summary "${file}"`, 'cat'), piped(`summary "${file}"`, 'grep Total')]);
    expect(all.stdout.length).toBeGreaterThan(100_000);
    expect(all.stdout).toContain('\nTotal params: 144,000\nTrainable params: 144,000\nNon-trainable params: 0\n____');
    expect(grep.stdout.trim()).toBe('Total params: 144,000');
  }, 300_000);
});

describe('prototype names', () => {
  it('template:__proto__ / constructor / toString and --model __proto__ get named refusals', async () => {
    const rs = await Promise.all([
      ...['__proto__', 'constructor', 'toString'].map((n) => layerflow('summary', `template:${n}`)),
      layerflow('summary', 'template:mnist_model', '--model', '__proto__'),
      layerflow('export', 'template:mnist_model', '--format', 'python', '--model', 'constructor', '--out', tmp('cli-proto')),
      layerflow('__proto__'),
    ]);
    ['__proto__', 'constructor', 'toString'].forEach((n, i) => {
      expect(rs[i].code).toBe(1);
      expect(rs[i].stderr).toContain(`unknown template "${n}"; templates: `);
    });
    expect(rs[3].code).toBe(1);
    expect(rs[3].stderr).toContain('no model "__proto__" in project');
    expect(rs[4].code).toBe(1);
    expect(rs[4].stderr).toContain('no model "constructor" in project');
    expect(rs[5].code).toBe(1);
    expect(rs[5].stderr).toContain('unknown command "__proto__"');
  }, 300_000);
});

describe('project files get the model-file guards', () => {
  it('refuses a prototype key, deep nesting and non-JSON, naming the file', async () => {
    const dir = tmp('cli-guard');
    const good = new ProjectBuilder('p');
    const x = good.input([4]);
    good.model('m', [x], [good.layer('Dense', { units: 2 }).call(x)]);
    const text = JSON.stringify(good.build());
    const polluted = join(dir, 'polluted.json');
    writeFileSync(polluted, text.replace('"name":"p"', '"name":"p","__proto__":{"polluted":true}'));
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const [p, d] = await Promise.all([layerflow('summary', polluted), layerflow('summary', deep)]);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain(`${polluted} contains the key "__proto__", which is refused`);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain(`${deep} nests 5001 levels deep; more than 128 is refused`);
  }, 300_000);
});

describe('layerflow import with a dropped part', () => {
  it('a float16 manifest over float32 data: the weights are not written, and the exit code says so', async () => {
    const dir = tmp('cli-drop');
    const m = validModelJson() as { weightsManifest: { weights: { dtype: string }[] }[] };
    for (const w of m.weightsManifest[0].weights) w.dtype = 'float16';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(m));
    // float32 bytes read as float16 pairs: 0x7fc0 halves are NaN.
    writeFileSync(join(dir, 'group1-shard1of1.bin'), new Uint8Array(new Float32Array(VALID_BIN_FLOATS).fill(NaN).buffer));
    const r = await layerflow('import', join(dir, 'model.json'), '--out', join(dir, 'p.json'));
    expect(r.stderr).toMatch(/NaN|not written|weights/);
    expect(r.stderr).toContain('was imported without all of its parts');
    expect(r.code).toBe(1);
  }, 300_000);
});

describe('layerflow import of a damaged .keras', () => {
  it('one message naming the file and the part; no HDF5-DIAG dump on stderr', async () => {
    const dir = tmp('cli-h5');
    const good = await kerasBytes();
    const h5 = entriesOf(good)['model.weights.h5'].slice();
    h5.fill(0, 0, 64); // the HDF5 superblock
    writeFileSync(join(dir, 'damaged.keras'), rezip(good, { 'model.weights.h5': h5 }));
    writeFileSync(join(dir, 'resized.keras'), rezip(good, { 'model.weights.h5': await h5Resized(1 << 20) }));
    const [damaged, resized] = await Promise.all([
      layerflow('import', join(dir, 'damaged.keras'), '--out', join(dir, 'p.json')),
      layerflow('import', join(dir, 'resized.keras'), '--out', join(dir, 'q.json')),
    ]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/damaged\.keras: model\.weights\.h5 is not a readable HDF5 file \(/);
    expect(damaged.stderr).not.toMatch(/HDF5-DIAG|#\d{3}:/);
    expect(damaged.stderr.trim().split('\n')).toHaveLength(2); // the heading and the one issue
    expect(resized.code).toBe(1);
    expect(resized.stderr).toContain('resized.keras: model.weights.h5 holds 1,048,587 weight values, but the model has 23 parameters');
    expect(resized.stderr).not.toMatch(/HDF5-DIAG/);
  }, 300_000);
});
