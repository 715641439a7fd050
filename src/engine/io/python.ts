/**
 * A complete, runnable Keras 3 script for a project: imports, every model written the way the
 * seed writes it (keras.Input, `x = layers.Dense(...)(x)`), shared and frozen layers as one
 * variable called at each site, nested models built by functions and called like layers,
 * compile with the project's settings, data loading, fit, evaluate, save. `distribute` builds
 * and compiles inside tf.distribute.MirroredStrategy(). Never emits Lambda or safe_mode=False.
 */
import { analyze, type FullAnalysis } from '../analyze';
import { isLayerCall, type CompileConfig, type ModelId, type Port, type ProjectDoc } from '../doc';
import { customDefs, kindsFor } from '../custom/kind';
import { customClassPython } from '../custom/python';
import type { CustomLayerDef } from '../custom/definition';
import { defaultCompile } from '../train/compileSpec';
import type { KindMap } from '../../nodes';
import { outputCount, pythonCall, type LayerKind } from '../../nodes/kind';
import { opPython, type OpParams } from '../../nodes/Op';
import { py, pyDocstring } from '../../nodes/params';
import { modelCalls, nestedOrder, type CallInfo } from './exportGraph';
import { pythonCompileArgs } from './kerasCompile';

const RESERVED = new Set(['keras', 'layers', 'np', 'args', 'parser', 'model', 'strategy', 'tf', 'argparse', 'history', 'load_data', 'data', 'x_train', 'y_train', 'x_test', 'y_test', 'inputs', 'outputs',
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/** Python identifiers, unique in the script. */
class Names {
  constructor(private used = new Set<string>()) {}
  /** A scope that also avoids every name taken here so far (function locals vs module names). */
  fork(): Names {
    return new Names(new Set(this.used));
  }
  take(base: string): string {
    let n = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1') || 'v';
    if (RESERVED.has(n)) n = `${n}_`;
    let out = n;
    for (let i = 1; this.used.has(out); i++) out = `${n}_${i}`;
    this.used.add(out);
    return out;
  }
}

function callStyle(kind: LayerKind | undefined): 'single' | 'list' | 'state' | 'positional' {
  if (!kind || kind.inputs.max === 1) return 'single';
  // A custom layer's class takes its inputs as one list (custom/python.ts: input_shape[i]).
  if (kind.category === 'custom') return 'list';
  if (kind.category === 'merging' || kind.kind === 'Attention' || kind.kind === 'AdditiveAttention') return 'list';
  if (kind.category === 'recurrent') return 'state';
  return 'positional';
}

export interface PythonOptions {
  distribute?: boolean;
  /**
   * Custom classes whose Python `call` the user approved for this project. The body of any
   * other is not exported (a shared project's code never lands in a script unreviewed): its
   * call raises, saying so.
   */
  approvedPython?: readonly string[];
}

/** The definition as exported: an unapproved Python body is replaced by a raise naming the class. */
function reviewed(def: CustomLayerDef, approved: ReadonlySet<string>): CustomLayerDef {
  if (approved.has(def.className)) return def;
  return { ...def, pythonCall: `raise NotImplementedError(${py(`${def.className}.call was not approved for export: review and approve its code in Layerflow, then export again`)})` };
}

/** The Python Keras script of the project, training its main model (or `modelId`). */
export function pythonScript(doc: ProjectDoc, opts: PythonOptions = {}, modelId: ModelId = doc.main): string {
  const customs = customDefs(doc);
  const approvedPython = new Set(opts.approvedPython ?? []);
  const kinds: KindMap = kindsFor(doc);
  const analysis = analyze(doc, kinds);
  const names = new Names();
  const modelVar = new Map<ModelId, string>();
  const layerVar = new Map<string, string>();
  const main = modelId;
  // Every model the script builds: the main one, what it nests, and models sharing its layers.
  const order = nestedOrder(doc, main);
  // Models a custom layer holds are built first (its __init__ takes the built model).
  const modelByRef = (r: string) => (doc.models[r] ? r : Object.values(doc.models).find((m) => m.name === r)?.id);
  for (const d of Object.values(customs))
    for (const h of d.models ?? []) {
      const id = modelByRef(h.model);
      if (id) for (const m of nestedOrder(doc, id).reverse()) if (!order.includes(m)) order.unshift(m);
    }
  for (const id of Object.keys(doc.models)) if (!order.includes(id) && sharesLayers(doc, id, order)) for (const m of nestedOrder(doc, id)) if (!order.includes(m)) order.unshift(m);
  for (const id of order) modelVar.set(id, names.take(doc.models[id].name));

  const callSites = new Map<string, number>();
  for (const id of order) for (const c of modelCalls(doc, id, analysis).calls) if (isLayerCall(c.target)) callSites.set(c.target.layer, (callSites.get(c.target.layer) ?? 0) + 1);
  const layerCtor = (id: string) => {
    const l = doc.layers[id];
    const call = pythonCall(kinds[l.kind], l.params, l.name);
    return customs[l.kind] ? call.replace(/^layers\./, '') : call;
  };
  const shared: string[] = [];
  for (const [id, n] of callSites) {
    const l = doc.layers[id];
    if (l.kind === 'InputLayer' || l.kind === 'Op' || (n < 2 && l.trainable)) continue;
    const v = names.take(`${l.name}_layer`);
    layerVar.set(id, v);
    shared.push(`${v} = ${layerCtor(id)}`);
    if (!l.trainable) shared.push(`${v}.trainable = False`);
  }

  const functions = order.map((id) => modelFunction(doc, id, analysis, kinds, layerVar, modelVar, layerCtor, names.fork()));
  const mc = modelCalls(doc, main, analysis);
  const outNames = mc.outputs.map((p) => mc.byNode.get(p.node)!.name);
  const outShapes = mc.outputs.map((p) => analysis.models[main].nodes[p.node].outputShapes[p.output] ?? []);
  const compile = doc.models[main].compile ?? defaultCompile(doc, main, outNames.map((name, i) => ({ name, shape: [...outShapes[i]] })));
  const inShapes = mc.inputs.map((n) => {
    const l = doc.layers[(mc.byNode.get(n)!.target as { layer: string }).layer];
    const p = l.params as { shape: (number | null)[]; dtype: string };
    return { shape: p.shape.map((d) => d ?? 8), dtype: p.dtype };
  });
  const mnist = inShapes.length === 1 && outShapes.length === 1 && outShapes[0].at(-1) === 10 && ['784', '28,28', '28,28,1'].includes(inShapes[0].shape.join(','));
  const mv = modelVar.get(main)!;
  const build = [...order.map((id) => `${modelVar.get(id)} = build_${modelVar.get(id)}()`), `model = ${mv}`, `model.compile(${compileArgs(compile, outNames).join(', ')})`];
  const title = doc.models[main].name;
  return [
    pyDocstring(`${title}: a Keras 3 script generated by Layerflow.\n\nRun:  python ${title}.py [--epochs N] [--batch-size N] [--smoke]\n--smoke trains a few steps on tiny random data (no download), to check the script runs.\n`),
    'import argparse',
    '',
    'import numpy as np',
    'import keras',
    'from keras import layers',
    ...(Object.keys(customs).length ? ['from keras import ops'] : []),
    ...(opts.distribute ? ['import tensorflow as tf'] : []),
    '',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--epochs", type=int, default=2)',
    'parser.add_argument("--batch-size", type=int, default=64)',
    'parser.add_argument("--smoke", action="store_true")',
    `parser.add_argument("--out", default=${py(`${title}.keras`)})`,
    'args = parser.parse_args()',
    '',
    ...Object.values(customs).flatMap((d) => [customClassPython(reviewed(d, approvedPython), (m) => modelVar.get(modelByRef(m) ?? '') ?? py(m)), '']),
    ...(shared.length ? ['', '# Layers called at several places (shared) or frozen: one object each.', ...shared, ''] : []),
    ...functions.flatMap((f) => ['', f]),
    '',
    ...(opts.distribute
      ? ['# Build and compile on every visible GPU; the same code runs on one device.', 'strategy = tf.distribute.MirroredStrategy()', 'print("Replicas:", strategy.num_replicas_in_sync)', 'with strategy.scope():', ...build.map((l) => `    ${l}`)]
      : build),
    'model.summary()',
    'print("params:", model.count_params())',
    '',
    dataFunction(mnist, inShapes, outShapes, compile, outNames),
    '',
    '(x_train, y_train), (x_test, y_test) = load_data()',
    'history = model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs, validation_split=0.2)',
    'print("evaluate:", model.evaluate(x_test, y_test, verbose=2))',
    'model.save(args.out)',
    'del model',
    '# Recreate the exact same model purely from the file (custom layer classes by name, as Keras requires):',
    `model = keras.models.load_model(args.out, custom_objects={${Object.values(customs).map((d) => `${py(d.className)}: ${d.className}`).join(', ')}})`,
    'print("reloaded", args.out, "params:", model.count_params())',
    '',
  ].join('\n');
}

function sharesLayers(doc: ProjectDoc, id: ModelId, order: ModelId[]): boolean {
  const mine = new Set(doc.models[id].nodes.flatMap((n) => (isLayerCall(n.call) && doc.layers[n.call.layer]?.kind !== 'InputLayer' ? [n.call.layer] : [])));
  return order.some((o) => doc.models[o].nodes.some((n) => isLayerCall(n.call) && mine.has(n.call.layer)));
}

function modelFunction(
  doc: ProjectDoc, id: ModelId, analysis: FullAnalysis, kinds: KindMap,
  layerVar: Map<string, string>, modelVar: Map<ModelId, string>, layerCtor: (id: string) => string, local: Names,
): string {
  const mc = modelCalls(doc, id, analysis);
  const tensorVar = new Map<string, string>();
  const multi = (c: CallInfo) => (isLayerCall(c.target) ? outputCount(kinds[doc.layers[c.target.layer].kind], doc.layers[c.target.layer].params) > 1 : mc.byNode.get(c.node) && doc.models[c.target.model].outputs.length > 1);
  const ref = (p: Port) => {
    const c = mc.byNode.get(p.node)!;
    return multi(c) ? `${tensorVar.get(p.node)}[${p.output}]` : tensorVar.get(p.node)!;
  };
  const lines: string[] = [];
  for (const c of mc.calls) {
    const v = local.take(c.callIndex ? `${c.name}_${c.callIndex}` : c.name);
    tensorVar.set(c.node, v);
    if (!isLayerCall(c.target)) {
      const args = c.args.map(ref);
      lines.push(`${v} = ${modelVar.get(c.target.model)}(${args.length === 1 ? args[0] : `[${args.join(', ')}]`})`);
      continue;
    }
    const l = doc.layers[c.target.layer];
    if (l.kind === 'InputLayer') {
      const args = kinds.InputLayer.pythonArgs!(l.params);
      lines.push(`${v} = keras.Input(${[...args, `name=${py(l.name)}`].join(', ')})`);
      continue;
    }
    const args = c.args.map(ref);
    if (l.kind === 'Op') {
      lines.push(`${v} = ${opPython(l.params as unknown as OpParams, args)}`);
      continue;
    }
    const callee = layerVar.get(l.id) ?? layerCtor(l.id);
    const style = callStyle(kinds[l.kind]);
    const argText = style === 'list' ? `[${args.join(', ')}]` : style === 'state' && args.length > 1 ? `${args[0]}, initial_state=[${args.slice(1).join(', ')}]` : args.join(', ');
    lines.push(`${v} = ${callee}(${argText})`);
  }
  const ins = mc.inputs.map((n) => tensorVar.get(n)!);
  const outs = mc.outputs.map(ref);
  const list = (xs: string[]) => (xs.length === 1 ? xs[0] : `[${xs.join(', ')}]`);
  lines.push(`return keras.Model(${list(ins)}, ${list(outs)}, name=${py(doc.models[id].name)})`);
  return [`def build_${modelVar.get(id)}():`, ...lines.map((l) => `    ${l}`)].join('\n');
}

/** compile() arguments; outputs with repeated names (two states of one LSTM) take lists, not dicts. */
function compileArgs(c: CompileConfig, outNames: string[]): string[] {
  const unique = new Set(outNames).size === outNames.length;
  if (unique || outNames.length === 1) return pythonCompileArgs(c);
  const keyed: CompileConfig = { ...c, loss: Object.fromEntries(outNames.map((n, i) => [`#${i}`, c.loss[n] ?? Object.values(c.loss)[0]])) };
  return pythonCompileArgs(keyed).map((a) => a.replace(/^(loss|loss_weights|metrics)=\{(.*)\}$/, (_m, k: string, body: string) => `${k}=[${body.replace(/"#\d+": /g, '')}]`));
}

function dataFunction(mnist: boolean, ins: { shape: number[]; dtype: string }[], outs: readonly (readonly (number | null)[])[], c: CompileConfig, outNames: string[]): string {
  const unique = new Set(outNames).size === outNames.length;
  const losses = outNames.map((n) => c.loss[n]?.name ?? 'mean_squared_error');
  const target = (i: number) => {
    const shape = outs[i].slice(1).map((d) => d ?? 8);
    const units = shape.at(-1) ?? 1;
    if (losses[i] === 'sparse_categorical_crossentropy') return `rng.integers(0, ${units}, size=(n, ${shape.slice(0, -1).map((d) => `${d}, `).join('')}))`.replace(', )', ')');
    if (losses[i] === 'categorical_crossentropy') return `keras.utils.to_categorical(rng.integers(0, ${units}, size=(n, ${shape.slice(0, -1).map((d) => `${d}, `).join('')})), ${units})`.replace(', )', ')');
    if (losses[i] === 'binary_crossentropy') return `rng.integers(0, 2, size=${py([null, ...shape]).replace('None', 'n')}).astype("float32")`;
    return `rng.normal(size=${py([null, ...shape]).replace('None', 'n')}).astype("float32")`;
  };
  const x = ins.map((s) => (s.dtype === 'int32' ? `rng.integers(0, 10, size=${py([null, ...s.shape]).replace('None', 'n')})` : `rng.random(size=${py([null, ...s.shape]).replace('None', 'n')}).astype("float32")`));
  const ys = outs.map((_, i) => target(i));
  const yText = ys.length === 1 ? ys[0] : unique ? `{${outNames.map((nm, i) => `${py(nm)}: ${ys[i]}`).join(', ')}}` : `[${ys.join(', ')}]`;
  const random = [
    '    rng = np.random.default_rng(0)',
    '    def split(n):',
    `        return ${x.length === 1 ? x[0] : `[${x.join(', ')}]`}, ${yText}`,
    '    return split(16 if args.smoke else 1024), split(8 if args.smoke else 256)',
  ];
  const lines = ['def load_data():'];
  if (mnist && losses[0] === 'sparse_categorical_crossentropy') {
    const shape = py([-1, ...ins[0].shape]);
    lines.push(
      '    if args.smoke:',
      '        rng = np.random.default_rng(0)',
      `        return (rng.random((16, ${ins[0].shape.join(', ')})).astype("float32"), rng.integers(0, 10, 16)), (rng.random((8, ${ins[0].shape.join(', ')})).astype("float32"), rng.integers(0, 10, 8))`,
      '    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()',
      `    x_train = x_train.reshape(${shape}).astype("float32") / 255`,
      `    x_test = x_test.reshape(${shape}).astype("float32") / 255`,
      '    return (x_train, y_train), (x_test, y_test)',
    );
  } else lines.push('    # Random data of the right shapes: replace with your dataset.', ...random);
  return lines.join('\n');
}
