/**
 * No text in a project becomes Python code. Hostile strings (quotes, triple quotes, trailing
 * backslashes, newlines, U+2028, NUL, \N{...}, f-string braces, lone surrogates) go into model,
 * layer and input names, a custom layer's doc and string params; real Python's `ast` parses each
 * generated script, and with names and string constants blanked its tree equals the tree of the
 * same project with plain names: no statement, call or import was injected. The strings also
 * come back intact as the constants Keras sees (name=..., the docstring).
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../build';
import type { CustomLayerDef } from '../custom/definition';
import type { ProjectDoc } from '../doc';
import { kerasPython, runKeras } from '../../testing/python';
import { tmp } from './fixtures/judge';
import { pythonScript } from './python';

const NASTY = [
  'm"""\nimport os; os.system("echo pwned")\n"""',
  "x'''\nimport os\n'''",
  'ends with a backslash\\',
  '\\"); import os; os.system("id"); ("',
  'line\u2028import os\u2029sep',
  'nul\u0000byte',
  '\\N{BULLET} \\x41 \\u0041',
  '{__import__("os").system("id")}',
  'f"{x}"',
  '\r\nimport sys\r',
  '# comment\nimport os',
  'lone \ud800 surrogate',
  '\u202eevil bidi\u202c',
  '模型 名字',
  '"""',
  '\\',
  '',
];
const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', '\n', '\r', '\u2028', '\u0000', '{', '}', 'N', 'a', ' ', '#', ';', '(', ')', '\ud83d\ude00', '\ud800') , maxLength: 24 }),
  fc.tuple(fc.constantFrom(...NASTY), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
);

interface Texts { model: string; inner: string; input: string; dense: string; custom: string; doc: string; tag: string; tagDefault: string }

/** A project using every place a string reaches the script: model, nested model, input and layer names, custom doc and string params. */
function project(t: Texts): ProjectDoc {
  const def: CustomLayerDef = {
    className: 'Tagged',
    doc: `d${t.doc}`,
    inputs: { min: 1, max: 1 },
    params: [{ name: 'tag', type: 'string', default: `u${t.tagDefault}` }, { name: 'units', type: 'int', default: 3 }],
    weights: [{ name: 'w', shape: ['input[-1]', 'units'], initializer: 'zeros', trainable: true }],
    outputShape: ['input[:-1]', 'units'],
    call: 'return ctx.tf.matMul(inputs, ctx.weights.w);',
    pythonCall: 'return ops.matmul(inputs, self.w)',
  };
  const b = new ProjectBuilder('p');
  b.defineCustom(def);
  const ix = b.input([4], { name: `i${t.inner}` });
  const inner = b.model(`n${t.inner}`, [ix], [b.layer('Dense', { units: 4 }, `d${t.inner}`).call(ix)]);
  const x = b.input([4], { name: `x${t.input}` });
  const h = b.callModel(inner, x);
  const c = b.layer('Tagged', { tag: `t${t.tag}` }, `c${t.custom}`).call(h);
  const out1 = b.layer('Dense', { units: 2 }, `o${t.dense}`).call(c);
  const out2 = b.layer('Dense', { units: 1 }, `p${t.dense}`).call(c);
  b.model(`m${t.model}`, [x], [out1, out2]);
  return b.build();
}

const PLAIN: Texts = { model: 'a', inner: 'b', input: 'c', dense: 'd', custom: 'e', doc: 'f', tag: 'g', tagDefault: 'h' };
const cases: Texts[] = fc.sample(fc.record({ model: hostile, inner: hostile, input: hostile, dense: hostile, custom: hostile, doc: hostile, tag: hostile, tagDefault: hostile }), { numRuns: 60, seed: 14 });
cases.unshift({ model: NASTY[0], inner: NASTY[2], input: NASTY[3], dense: NASTY[4], custom: NASTY[7], doc: NASTY[2], tag: NASTY[5], tagDefault: NASTY[1] });

describe.skipIf(!kerasPython)('generated Python holds hostile text as data, never as code (real ast)', () => {
  type Parsed = { shape?: string; top?: string[]; doc?: string; strings?: string[]; error?: string };
  let parsed: Parsed[] = [];
  beforeAll(() => {
    const dir = tmp('pyinj');
    [PLAIN, ...cases].forEach((t, i) => writeFileSync(join(dir, `s${i}.py`), pythonScript(project(t), { approvedPython: ['Tagged'] }), 'utf8'));
    const out = runKeras(`
import ast, json, os
d = ${JSON.stringify(dir)}
class Blank(ast.NodeTransformer):
    def visit_Name(self, n):
        n.id = '_'
        return n
    def visit_FunctionDef(self, n):
        self.generic_visit(n)
        n.name = '_'
        return n
    def visit_Constant(self, n):
        if isinstance(n.value, str):
            n.value = '_'
        return n
def top(s):
    if isinstance(s, (ast.Import, ast.ImportFrom)):
        return 'import ' + ','.join(a.name for a in s.names)
    if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
        return 'call ' + ast.unparse(s.value.func)
    return type(s).__name__
res = []
n = len([f for f in os.listdir(d) if f.endswith('.py')])
for i in range(n):
    src = open(os.path.join(d, 's%d.py' % i), encoding='utf8').read()
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        res.append({'error': 'SyntaxError: %s line %s' % (e.msg, e.lineno)})
        continue
    strings = [c.value for c in ast.walk(tree) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    res.append({'top': [top(s) for s in tree.body], 'doc': ast.get_docstring(tree, clean=False), 'strings': strings, 'shape': ast.dump(Blank().visit(tree))})
print(json.dumps(res, ensure_ascii=True))
`);
    parsed = JSON.parse(out.trim().split('\n').pop()!) as Parsed[];
  }, 120_000);

  it('the plain project parses, importing only what the generator writes', () => {
    expect(parsed[0].error).toBeUndefined();
    expect(parsed[0].top!.filter((s) => s.startsWith('import'))).toEqual(['import argparse', 'import numpy', 'import keras', 'import layers', 'import ops']);
  });

  it.each(cases.map((t, i) => [i, t] as const))('case %i: same statements as the plain project, strings intact', (i, t) => {
    const p = parsed[i + 1];
    expect(p.error, JSON.stringify(t)).toBeUndefined();
    expect(p.top).toEqual(parsed[0].top);
    expect(p.shape === parsed[0].shape, `tree differs for ${JSON.stringify(t)}`).toBe(true);
    // Round trip: what Keras gets is exactly the text the user typed.
    expect(p.doc!.startsWith(`m${t.model}: a Keras 3 script`)).toBe(true);
    for (const s of [`m${t.model}`, `n${t.inner}`, `x${t.input}`, `o${t.dense}`, `c${t.custom}`, `t${t.tag}`, `u${t.tagDefault}`]) expect(p.strings).toContain(s);
    expect(p.strings).toContain(`d${t.doc}`);
  });
});
