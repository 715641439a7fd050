/**
 * The training worker's brain, free of the Worker API so Node tests and the CLI drive the very
 * same code: it takes ToWorker messages and posts FromWorker ones. One fit at a time; a second
 * is refused. The model and optimizer stay alive between runs, so "train again" resumes.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { compile, readWeights, setWeights } from '../compile';
import { customDefs, kindsFor } from '../custom/kind';
import { approvedRuntime, CustomCodeError, probeOutputShape } from '../custom/tfjsLayer';
import { hasErrors, issue, type Issue } from '../issues';
import type { LayerId } from '../doc';
import type { WeightSet } from '../weights';
import { resolveCompile, type ResolvedCompile } from './compileSpec';
import { checkDataset } from './data/check';
import { csvSplits } from './data/csv';
import type { DataSplits } from './data/dataset';
import { imageSplits, type DecodeImage } from './data/images';
import { mnistSplits, type MnistRaw } from './data/mnist';
import { syntheticSplits } from './data/synthetic';
import { modelIO, type ModelIO } from './modelIO';
import { confusion, isClassifier, predict } from './predict';
import type { BackendInfo, BackendName, DataSpec, FromWorker, ToWorker, TrainRequest } from './protocol';
import { probeStep } from './step';
import { Trainer } from './trainer';
import { weightBuffers } from './weightsIO';

type Tf = typeof tfNs;

export interface SessionEnv {
  tf: Tf;
  /** Backends to try, in order, for a choice (with the reasons others were skipped). */
  candidates(req: TrainRequest): Promise<{ order: BackendName[]; notes: string[] }>;
  /** Switch to a backend; resolves to extra facts (simd, threads) or throws. */
  activate(name: BackendName, req: TrainRequest): Promise<Partial<BackendInfo>>;
  loadMnist(limit?: number): Promise<MnistRaw>;
  decodeImage?: DecodeImage;
  /** Why the active backend can no longer compute (a lost WebGL context), or null. */
  backendProblem?(): string | null;
  post(msg: FromWorker, transfer?: ArrayBuffer[]): void;
}

interface Live {
  key: string;
  model: tfNs.LayersModel;
  layers: Map<LayerId, tfNs.layers.Layer>;
  spec: ResolvedCompile;
  io: ModelIO;
  trainer: Trainer;
  backend: BackendInfo;
  epochsDone: number;
}

const PROGRESS_MS = 200;

export class TrainingSession {
  private live: Live | null = null;
  private data: { key: string; splits: DataSplits } | null = null;
  private running = false;
  private stopRequested = false;
  /** The last train request: which model (and which nodes) a failing custom layer belongs to. */
  private request: TrainRequest | null = null;
  /** Set once the backend broke under a running fit (reported to the app, which restarts the worker). */
  private backendFailure: string | null = null;

  constructor(private env: SessionEnv) {}

  async handle(msg: ToWorker): Promise<void> {
    try {
      if (msg.type === 'train') {
        this.request = msg;
        await this.train(msg);
      }
      else if (msg.type === 'stop') this.stopRequested = true;
      else if (msg.type === 'evaluate') await this.evaluate();
      else if (msg.type === 'predict') await this.predict(msg.rows, msg.input);
      else if (msg.type === 'weights') this.postWeights('weights');
      else if (msg.type === 'probe-custom') this.probeCustom(msg);
    } catch (e) {
      this.running = false;
      if (this.backendFailure) return; // already reported
      // User code failing is the user's error (named by layer), not the backend's.
      if (e instanceof CustomCodeError) this.fail(this.customCodeIssues(e));
      else this.env.post({ type: 'error', message: e instanceof Error ? e.message : String(e), issues: [], recoverable: msg.type === 'train' });
    }
  }

  /**
   * The backend broke under a running fit (a lost WebGL context). The fit may never return (tfjs
   * waits on a fence forever), so report it now as recoverable: the app resumes from the last
   * checkpoint in a new worker, on another backend.
   */
  backendFailed(message: string) {
    if (!this.running || this.backendFailure) return;
    this.backendFailure = message;
    this.env.post({ type: 'error', message, issues: [], recoverable: true });
  }

  /** One issue per call of the failing custom layer in the trained model, so the editor can point at the nodes. */
  private customCodeIssues(e: CustomCodeError): Issue[] {
    const req = this.request;
    const model = req?.doc.models[req.modelId];
    const nodes = model?.nodes.filter((n) => 'layer' in n.call && req!.doc.layers[n.call.layer]?.kind === e.className) ?? [];
    if (!nodes.length) return [issue('custom-code', e.message)];
    return nodes.map((n) => issue('custom-code', e.message, { modelId: model!.id, nodeId: n.id, layerId: 'layer' in n.call ? n.call.layer : undefined }));
  }

  private fail(issues: Issue[]) {
    this.env.post({ type: 'error', message: issues.map((i) => i.message).join('\n'), issues, recoverable: false });
  }

  private async train(req: TrainRequest) {
    if (this.running) {
      this.env.post({ type: 'refused', message: 'a training run is in progress: stop it first' });
      return;
    }
    this.running = true;
    this.stopRequested = false;
    try {
      const live = await this.prepare(req);
      if (!live) return;
      const splits = await this.dataFor(req.data, live);
      if (!splits) return;
      const problems = [...checkDataset(live.io, live.spec.outputs, splits.train, 'the training data'), ...(splits.test ? checkDataset(live.io, live.spec.outputs, splits.test, 'the test data') : [])];
      if (problems.length) return this.fail(problems);
      const valCount = splits.val ? splits.val.count : Math.max(0, splits.train.count - Math.floor(splits.train.count * (1 - req.fit.validationSplit)));
      this.env.post({ type: 'data', name: splits.name, train: splits.train.count - (splits.val ? 0 : valCount), val: valCount, test: splits.test?.count ?? 0, classNames: splits.classNames, notes: splits.notes });
      let lastPost = 0;
      const result = await live.trainer.fit({ train: splits.train, val: splits.val }, { ...req.fit, initialEpoch: live.epochsDone }, {
        onBatch: (progress) => {
          const now = performance.now();
          if (now - lastPost < PROGRESS_MS && progress.batch < progress.batches) return;
          lastPost = now;
          this.env.post({ type: 'progress', progress });
        },
        onEpochEnd: (end) => {
          live.epochsDone = end.epoch;
          const weights = readWeights(live.layers);
          this.env.post({ type: 'epoch', end, weights }, weightBuffers(weights));
        },
        shouldStop: () => this.stopRequested,
        check: () => {
          const problem = this.backendFailure ?? this.env.backendProblem?.();
          if (problem) throw new Error(problem);
        },
      });
      live.epochsDone = result.epochsDone;
      const weights = readWeights(live.layers);
      this.env.post({ type: 'done', result, weights }, weightBuffers(weights));
    } finally {
      this.running = false;
    }
  }

  /** Reuse the live model when nothing but the run settings changed; else compile afresh on a working backend. */
  private async prepare(req: TrainRequest): Promise<Live | null> {
    const key = JSON.stringify([req.doc.layers, req.doc.models, req.doc.custom, req.approvedCustom, req.modelId, req.compile, req.backend, req.avoid ?? [], req.wasmThreads?.use]);
    if (this.live?.key === key) {
      if (req.weights) setWeights(req.doc, this.live.layers, req.weights, this.env.tf);
      this.env.post({ type: 'backend', info: this.live.backend });
      return this.live;
    }
    this.disposeLive();
    const { tf } = this.env;
    const { order, notes } = await this.env.candidates(req);
    for (const name of order) {
      let facts: Partial<BackendInfo>;
      try {
        facts = await this.env.activate(name, req);
        if (tf.getBackend() !== name) throw new Error(`tf.setBackend('${name}') left the backend at '${tf.getBackend()}'`);
      } catch (e) {
        notes.push(`${name} failed to start (${e instanceof Error ? e.message : e})`);
        continue;
      }
      const kinds = kindsFor(req.doc, approvedRuntime(req.approvedCustom));
      let built = compile(req.doc, req.modelId, tf, { weights: req.weights ?? undefined, kinds });
      if (!built.model && req.weights && built.issues.every((i) => i.code === 'weights')) {
        // Layers edited since the weights were saved start fresh; the others keep their weights.
        built = compile(req.doc, req.modelId, tf, { kinds });
        if (built.model) setWeights(req.doc, built.layers, req.weights, tf);
      }
      if (!built.model || hasErrors(built.issues)) {
        this.fail(built.issues.length ? built.issues : [issue('unsupported-tfjs', 'the model could not be built')]);
        return null;
      }
      if (!built.model.trainableWeights.length) {
        built.model.dispose();
        this.fail([issue('weights', `model "${req.doc.models[req.modelId]?.name}" has no trainable weights`)]);
        return null;
      }
      const io = modelIO(built.model);
      const { spec, issues } = resolveCompile(req.compile, io.outputs);
      if (!spec) {
        built.model.dispose();
        this.fail(issues);
        return null;
      }
      try {
        probeStep(tf, built.model, spec, io);
      } catch (e) {
        built.model.dispose();
        // The user's code failing is not the backend's fault: no other backend would help.
        if (e instanceof CustomCodeError) throw e;
        notes.push(`${name} cannot train this model (${e instanceof Error ? e.message : e})`);
        continue;
      }
      const model = built.model;
      const layers = built.layers;
      const trainer = new Trainer({ tf, model, spec, readWeights: () => readWeights(layers), writeWeights: (w: WeightSet) => void setWeights(req.doc, layers, w, tf) });
      const backend: BackendInfo = { backend: name, reason: [...notes, `${name} runs every op this model's training needs`].join('; '), ...facts };
      this.live = { key, model, layers, spec, io, trainer, backend, epochsDone: req.weights ? (req.fit.initialEpoch ?? 0) : 0 };
      this.env.post({ type: 'backend', info: backend });
      return this.live;
    }
    this.env.post({ type: 'error', message: `no backend can train this model: ${notes.join('; ')}`, issues: [], recoverable: false });
    return null;
  }

  private async dataFor(spec: DataSpec, live: Live): Promise<DataSplits | null> {
    const key = JSON.stringify(spec.kind === 'images' ? spec.files.map((f) => [f.path, f.bytes.byteLength]) : spec) + live.key;
    if (this.data?.key === key) return this.data.splits;
    let r: { splits: DataSplits | null; issues: Issue[] };
    if (spec.kind === 'mnist') r = mnistSplits(await this.env.loadMnist(spec.limit), live.io, live.spec.outputs);
    else if (spec.kind === 'synthetic') r = { splits: syntheticSplits(live.io, live.spec.outputs, spec), issues: [] };
    else if (spec.kind === 'csv') r = csvSplits(spec.text, spec.mapping, live.io, live.spec.outputs);
    else if (this.env.decodeImage) r = await imageSplits(spec.files, this.env.decodeImage, live.io, live.spec.outputs);
    else r = { splits: null, issues: [issue('data-mismatch', 'images cannot be decoded here')] };
    if (!r.splits) {
      this.fail(r.issues);
      return null;
    }
    this.data = { key, splits: r.splits };
    return r.splits;
  }

  private async evaluate() {
    const live = this.live;
    const splits = this.data?.splits;
    const set = splits?.test ?? splits?.val;
    if (!live || !set) return this.fail([issue('data-mismatch', 'nothing to evaluate: train the model on a dataset with a test split first')]);
    if (this.running) return this.env.post({ type: 'refused', message: 'evaluate after the training run ends (or stop it)' });
    const logs = await live.trainer.evaluate(set);
    const matrices = await confusion(this.env.tf, live.model, live.spec, set);
    this.env.post({ type: 'evaluated', logs, confusion: matrices });
  }

  private async predict(rows?: number[], input?: Float32Array) {
    const live = this.live;
    if (!live) return this.fail([issue('data-mismatch', 'train (or load) the model before predicting')]);
    const set = this.data?.splits.test ?? this.data?.splits.train;
    const inName = live.model.inputNames[0];
    let cols = set?.inputs;
    let picked = rows ?? [];
    if (input) {
      const spec = live.io.inputs[0];
      const shape = spec.shape.slice(1).map((d) => d ?? 1);
      cols = { [inName]: { shape, dtype: spec.ints ? 'int32' : 'float32', values: spec.ints ? Int32Array.from(input) : input } };
      picked = [0];
    }
    if (!cols || !picked.length) return this.fail([issue('data-mismatch', 'no samples to predict')]);
    const count = input ? 1 : set!.count;
    picked = picked.filter((r) => r >= 0 && r < count);
    const predictions = await predict(this.env.tf, live.model, live.spec, cols, picked);
    const first = cols[inName];
    const n = first.shape.reduce((a, b) => a * b, 1);
    const samples = picked.map((r) => {
      const raw = first.values.subarray(r * n, (r + 1) * n);
      const inputValues = Float32Array.from(raw, (v) => v * (first.values instanceof Uint8Array ? (first.scale ?? 1) : 1));
      const label: Record<string, number> = {};
      if (!input && set)
        for (const o of live.spec.outputs.filter(isClassifier)) {
          const t = set.targets[o.name];
          label[o.name] = t.shape.length === 0 ? t.values[r] : Array.from(t.values.subarray(r * t.shape[0], (r + 1) * t.shape[0])).indexOf(1);
        }
      return { input: inputValues, label };
    });
    this.env.post({ type: 'predicted', predictions, samples });
  }

  private probeCustom(msg: Extract<ToWorker, { type: 'probe-custom' }>) {
    const def = customDefs(msg.doc)[msg.className];
    const result = def ? probeOutputShape(def, msg.input, msg.params, this.env.tf) : { ok: false as const, message: `no custom layer "${msg.className}" in this project` };
    this.env.post({ type: 'probe-custom', className: msg.className, result });
  }

  private postWeights(type: 'weights') {
    const weights = this.live ? readWeights(this.live.layers) : null;
    this.env.post({ type, weights }, weights ? weightBuffers(weights) : []);
  }

  private disposeLive() {
    if (!this.live) return;
    this.live.trainer.dispose();
    this.live.model.dispose();
    this.live = null;
    this.data = null;
  }

  dispose() {
    this.disposeLive();
  }
}
