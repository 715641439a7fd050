/**
 * `layerflow train FILE|template:NAME --dataset mnist --epochs 2 --batch-size 64 --validation-split 0.2 [--backend wasm|cpu]`
 * Trains through the same TrainingSession the app's worker runs, printing Keras-style progress,
 * then evaluates on the test split.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../../engine/analyze';
import { kindsFor } from '../../engine/custom/kind';
import { parseProject, type ProjectDoc } from '../../engine/doc';
import { defaultCompile, outputSpecs } from '../../engine/train/compileSpec';
import { nodeEnv } from '../../engine/train/nodeEnv';
import type { BackendChoice, DataSpec, FromWorker } from '../../engine/train/protocol';
import { TrainingSession } from '../../engine/train/session';
import type { Logs } from '../../engine/train/trainer';
import { TEMPLATES } from '../../templates';

const USAGE = `usage: layerflow train FILE|template:NAME [--model NAME] [--dataset mnist|synthetic] [--epochs N] [--batch-size N]
       [--validation-split F] [--backend auto|wasm|cpu] [--limit N (first N MNIST training samples)] [--samples N (synthetic)]
       [--optimizer NAME] [--lr F] [--patience N]`;

function parseArgs(args: string[]): { source?: string; opts: Record<string, string> } | string {
  const opts: Record<string, string> = {};
  let source: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) return `option ${a} needs a value`;
      opts[a.slice(2)] = v;
      i++;
    } else if (!source) source = a;
    else return `unexpected argument "${a}"`;
  }
  return { source, opts };
}

function loadDoc(source: string): ProjectDoc | string {
  if (source.startsWith('template:')) {
    const name = source.slice('template:'.length);
    const tpl = Object.prototype.hasOwnProperty.call(TEMPLATES, name) ? TEMPLATES[name] : undefined;
    return tpl ? tpl.build() : `no template "${name}"; templates: ${Object.keys(TEMPLATES).join(', ')}`;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(source, 'utf8'));
  } catch (e) {
    return `cannot read ${source}: ${(e as Error).message}`;
  }
  const r = parseProject(raw);
  return r.doc ?? `${source} is not a Layerflow project: ${r.errors.join('; ')}`;
}

const fmt = (logs: Logs, prefix = '') =>
  Object.entries(logs)
    .map(([k, v]) => `${prefix}${k}: ${v.toFixed(4)}`)
    .join(' - ');

function bar(done: number, total: number, width = 30): string {
  const n = Math.min(width, Math.floor((done / total) * width));
  return '[' + '='.repeat(Math.max(0, n - (n < width ? 1 : 0))) + (n < width ? '>' : '') + '.'.repeat(width - n) + ']';
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string' || !parsed.source) {
    console.error(typeof parsed === 'string' ? `layerflow train: ${parsed}\n${USAGE}` : USAGE);
    return 1;
  }
  const { source, opts } = parsed;
  const doc = loadDoc(source);
  if (typeof doc === 'string') {
    console.error(`layerflow train: ${doc}`);
    return 1;
  }
  const modelId = opts.model ? Object.values(doc.models).find((m) => m.name === opts.model || m.id === opts.model)?.id : doc.main;
  if (!modelId) {
    console.error(`layerflow train: no model "${opts.model}"; models: ${Object.values(doc.models).map((m) => m.name).join(', ')}`);
    return 1;
  }
  const num = (k: string, d: number) => (opts[k] === undefined ? d : Number(opts[k]));
  const fit = { epochs: num('epochs', 2), batchSize: num('batch-size', 32), validationSplit: num('validation-split', 0), shuffle: true, patience: num('patience', 0), restoreBest: false };
  for (const [k, v] of Object.entries(fit)) if (typeof v === 'number' && !(Number.isFinite(v) && v >= 0)) return (console.error(`layerflow train: --${k} must be a number ≥ 0`), 1);
  const dataset = opts.dataset ?? 'mnist';
  let data: DataSpec;
  if (dataset === 'mnist') data = { kind: 'mnist', limit: opts.limit === undefined ? undefined : num('limit', 0) };
  else if (dataset === 'synthetic') data = { kind: 'synthetic', count: num('samples', 1280) };
  else return (console.error(`layerflow train: --dataset is mnist or synthetic, got "${dataset}"`), 1);
  const backend = (opts.backend ?? 'auto') as BackendChoice;
  if (!['auto', 'wasm', 'cpu'].includes(backend)) return (console.error(`layerflow train: --backend is auto, wasm or cpu here, got "${backend}"`), 1);

  const kinds = kindsFor(doc);
  const compile = doc.models[modelId].compile ?? defaultCompile(doc, modelId, outputSpecs(doc, modelId, analyze(doc, kinds)));
  if (opts.optimizer) compile.optimizer = opts.optimizer;
  if (opts.lr) compile.learningRate = Number(opts.lr);

  const tty = process.stdout.isTTY;
  let code = 0;
  let epochStart = 0;
  let batchesOfEpoch = 0;
  const session = new TrainingSession(
    nodeEnv(tf, (m: FromWorker) => {
      if (m.type === 'backend') console.log(`Backend: ${m.info.backend}${m.info.simd ? ' (SIMD)' : ''} — ${m.info.reason}`);
      else if (m.type === 'data') console.log(`Data: ${m.name}: ${m.train} train, ${m.val} validation, ${m.test} test samples`);
      else if (m.type === 'progress') {
        const p = m.progress;
        if (p.batch === 1 || epochStart === 0) {
          if (p.epoch !== epochStart) console.log(`Epoch ${p.epoch}/${p.epochs}`);
          epochStart = p.epoch;
        }
        batchesOfEpoch = p.batches;
        if (tty) process.stdout.write(`\r${p.batch}/${p.batches} ${bar(p.batch, p.batches)} - ETA: ${Math.round(p.etaSec)}s - ${fmt(p.logs)}`);
      } else if (m.type === 'epoch') {
        const e = m.end;
        if (epochStart !== e.epoch) console.log(`Epoch ${e.epoch}/${e.epoch}`);
        const ms = (1000 * e.seconds) / Math.max(1, batchesOfEpoch);
        process.stdout.write(`${tty ? '\r' : ''}${batchesOfEpoch}/${batchesOfEpoch} ${bar(1, 1)} - ${Math.round(e.seconds)}s ${Math.round(ms)}ms/step - ${fmt(e.logs)}\n`);
        epochStart = 0;
      } else if (m.type === 'done') {
        if (m.result.status === 'diverged') console.log(`Diverged: the loss became ${m.result.diverged?.loss} at epoch ${m.result.diverged?.epoch}, batch ${m.result.diverged?.batch}; kept the last good weights`);
        else if (m.result.status !== 'completed') console.log(`Training ${m.result.status} after ${m.result.epochsDone} epochs`);
      } else if (m.type === 'evaluated') {
        console.log(fmt(m.logs));
        for (const [k, v] of Object.entries(m.logs)) console.log(`Test ${k}: ${v}`);
      } else if (m.type === 'error' || m.type === 'refused') {
        console.error(`layerflow train: ${m.message}`);
        code = 1;
      }
    }),
  );
  await session.handle({ type: 'train', doc, modelId, compile, fit, data, backend, weights: null, approvedCustom: Object.keys(doc.custom ?? {}) });
  if (code === 0) await session.handle({ type: 'evaluate' });
  session.dispose();
  return code;
}
