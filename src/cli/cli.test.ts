/** The `layerflow` CLI run as users run it: node bin/layerflow.mjs, a real subprocess. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../engine/build';
import { TEMPLATES } from '../templates';
import { SEED_TOTALS } from '../templates/seedTotals';

const BIN = join(import.meta.dirname, '../../bin/layerflow.mjs');

function layerflow(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Run jobs a few at a time (the machine is small). */
async function pool<T, R>(items: T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  }));
  return out;
}

const thousands = (n: number) => n.toLocaleString('en-US');

describe('layerflow summary', () => {
  it('prints the seed total for every template and model', async () => {
    const rows = Object.entries(SEED_TOTALS).flatMap(([t, models]) => Object.entries(models).map(([m, total]) => ({ t, m, total })));
    const results = await pool(rows, 3, ({ t, m }) => layerflow('summary', `template:${t}`, '--model', m));
    rows.forEach(({ t, m, total }, i) => {
      const r = results[i];
      expect(r.code, `${t} --model ${m}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Model: "${m}"`);
      expect(r.stdout).toContain(`\nTotal params: ${thousands(total)}\n`);
    });
  }, 600_000);

  it('prints the main model without --model, from a project file too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerflow-cli-'));
    const file = join(dir, 'resnet.json');
    writeFileSync(file, JSON.stringify(TEMPLATES.toy_resnet.build()));
    const [fromTemplate, fromFile] = await Promise.all([layerflow('summary', 'template:toy_resnet'), layerflow('summary', file)]);
    expect(fromTemplate.code).toBe(0);
    expect(fromTemplate.stdout).toContain('Total params: 223,242');
    expect(fromFile.stdout).toBe(fromTemplate.stdout);
  }, 300_000);

  it('exits 1 naming an unknown template or model, or listing the issues of an invalid graph', async () => {
    const b = new ProjectBuilder('broken');
    const x = b.input([32]);
    const y = b.input([64]);
    b.model('merge', [x, y], [b.layer('Add').call(x, y)]);
    const dir = mkdtempSync(join(tmpdir(), 'layerflow-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(b.build()));
    const [tpl, model, invalid, notJson] = await Promise.all([
      layerflow('summary', 'template:nope'),
      layerflow('summary', 'template:ensemble', '--model', 'model9'),
      layerflow('summary', file),
      layerflow('summary', join(dir, 'missing.json')),
    ]);
    expect(tpl.code).toBe(1);
    expect(tpl.stderr).toContain('unknown template "nope"');
    expect(model.code).toBe(1);
    expect(model.stderr).toContain('no model "model9" in project "ensemble"; models: model1, model2, model3, ensemble');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('model "merge" is not a valid graph');
    expect(invalid.stderr).toContain('[shape-mismatch] in model "merge": Add needs inputs of one shape: got (None, 32) and (None, 64)');
    expect(invalid.stdout).toBe('');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('cannot read');
  }, 300_000);
});

describe('layerflow templates', () => {
  it('lists every template with its models', async () => {
    const r = await layerflow('templates');
    expect(r.code).toBe(0);
    for (const [name, models] of Object.entries(SEED_TOTALS)) {
      expect(r.stdout).toContain(name);
      expect(r.stdout).toContain(Object.keys(models).map((m, i, all) => (i === all.length - 1 ? `${m}*` : m)).join(', '));
    }
  }, 300_000);
});
