/**
 * The generated Python script for every template (and the extra models) runs under real
 * Keras 3 — build, compile, a few fit steps on tiny data, evaluate, save — and its
 * model.count_params() equals Layerflow's total. One Python process runs them all.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { kerasPython, runKeras } from '../../testing/python';
import { TEMPLATES } from '../../templates';
import { extraModels } from './fixtures/models';
import { tmp } from './fixtures/judge';
import { pythonScript } from './python';
import type { ProjectDoc } from '../doc';
import { customDense } from '../../templates/custom_dense';

const cases = [
  ...Object.entries(TEMPLATES).map(([name, t]) => ({ name, doc: t.build() })),
  ...Object.entries(extraModels).map(([name, build]) => ({ name, doc: build() })),
];

describe('the Python script', () => {
  it.each(cases.map((c) => [c.name, c.doc] as const))('%s never uses Lambda or safe_mode, and --distribute wraps building in MirroredStrategy', (_n, doc) => {
    const plain = pythonScript(doc);
    const dist = pythonScript(doc, { distribute: true });
    for (const s of [plain, dist]) {
      expect(s).not.toMatch(/Lambda|safe_mode/);
      expect(s).toMatch(/model\.compile\(/);
      expect(s).toMatch(/model\.fit\(/);
      expect(s).toMatch(/model\.evaluate\(/);
      expect(s).toMatch(/model\.save\(/);
    }
    expect(plain).not.toMatch(/MirroredStrategy/);
    expect(dist).toMatch(/strategy = tf\.distribute\.MirroredStrategy\(\)\n.*\nwith strategy\.scope\(\):\n {4}/);
    expect(dist).toMatch(/with strategy\.scope\(\):(\n {4}.*)*\n {4}model\.compile\(/);
  });
});

describe('a custom layer\'s Python code in the script', () => {
  it('is exported only when approved for the project; otherwise its call raises, naming the class', () => {
    const doc = customDense();
    const body = 'return ops.matmul(inputs, self.w) + self.b';
    const unapproved = pythonScript(doc);
    expect(unapproved).not.toContain(body);
    expect(unapproved).toContain('raise NotImplementedError("CustomDense.call was not approved for export');
    expect(pythonScript(doc, { approvedPython: ['Other'] })).not.toContain(body);
    expect(pythonScript(doc, { approvedPython: ['CustomDense'] })).toContain(`        ${body}`);
  });
});

describe.skipIf(!kerasPython)('the Python script runs under Keras 3', () => {
  const results: Record<string, { params?: number; reloaded?: number; error?: string }> = {};
  beforeAll(() => {
    const dir = tmp('py');
    const approvedPython = (doc: ProjectDoc) => Object.keys(doc.custom ?? {});
    for (const c of cases) writeFileSync(join(dir, `${c.name}.py`), pythonScript(c.doc, { approvedPython: approvedPython(c.doc) }));
    writeFileSync(join(dir, 'distribute_check.py'), cases.map((c) => pythonScript(c.doc, { distribute: true, approvedPython: approvedPython(c.doc) })).join('\n\n'));
    const out = runKeras(
      `
import ast, contextlib, io, json, os, re, runpy, sys, traceback
d = ${JSON.stringify(dir)}
res = {}
for f in sorted(os.listdir(d)):
    if not f.endswith('.py') or f == 'distribute_check.py':
        continue
    name = f[:-3]
    sys.argv = [f, '--smoke', '--epochs', '1', '--batch-size', '8', '--out', os.path.join(d, name + '.keras')]
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            runpy.run_path(os.path.join(d, f), run_name='__main__')
        text = buf.getvalue()
        m = re.search(r'^params: (\\d+)', text, re.M)
        r = re.search(r'^reloaded .* params: (\\d+)', text, re.M)
        ok = os.path.exists(os.path.join(d, name + '.keras')) and 'evaluate:' in text
        res[name] = {'params': int(m.group(1)), 'reloaded': int(r.group(1))} if m and r and ok else {'error': text[-800:]}
    except BaseException:
        res[name] = {'error': traceback.format_exc()[-1200:]}
ast.parse(open(os.path.join(d, 'distribute_check.py')).read())
print(json.dumps(res))`,
      { timeoutMs: 900_000 },
    );
    Object.assign(results, JSON.parse(out.trim().split('\n').pop()!));
  }, 900_000);
  it.each(cases.map((c) => [c.name, c.doc] as const))('%s', (name, doc) => {
    const t = analyze(doc).models[doc.main].totals;
    expect(results[name].error ?? '').toBe('');
    expect(results[name].params).toBe(t.trainable + t.nonTrainable);
    // The saved file loads back (custom layers through custom_objects) with the same params.
    expect(results[name].reloaded).toBe(t.trainable + t.nonTrainable);
  });
});
