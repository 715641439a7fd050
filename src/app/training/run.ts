/**
 * The training run as the panel sees it (a zustand store outside components, so switching
 * tabs never loses a run) and the actions that drive the worker: train, stop, evaluate, predict.
 * A crash or a failed backend resumes from the last checkpoint on another backend.
 */
import { create } from 'zustand';
import type { CompileConfig, ModelId, ProjectDoc } from '../../engine/doc';
import type { Issue } from '../../engine/issues';
import { defaultCompile, outputSpecs, type OutputSpec } from '../../engine/train/compileSpec';
import type { BackendChoice, BackendInfo, BackendName, DataSpec, FromWorker, ThreadsChoice, TrainRequest } from '../../engine/train/protocol';
import type { EpochEnd, FitOptions, FitResult, Logs, Progress } from '../../engine/train/trainer';
import { analysisOf } from '../store/analysis';
import { useDocument } from '../store/document';
import { useSession } from '../projects/session';
import { approvedClasses, projectKeyOf } from '../custom/approval';
import { onCrash, onMessage, restartWorker, send, workerSettings } from './client';
import { wasmThreads } from './threads';
import { clearWeights, openWeights, saveWeights, useWeights } from './weightStore';

export type RunStatus = 'idle' | 'preparing' | 'running' | 'stopping' | 'completed' | 'stopped' | 'diverged' | 'early-stopped' | 'error';

export interface ChartPoint {
  /** Position in epochs (fractional during an epoch). */
  x: number;
  logs: Logs;
}

export interface RunState {
  status: RunStatus;
  modelId: ModelId | null;
  backend: BackendInfo | null;
  data: Extract<FromWorker, { type: 'data' }> | null;
  progress: Progress | null;
  /** Running train means within each epoch, for the live charts. */
  points: ChartPoint[];
  epochs: EpochEnd[];
  result: FitResult | null;
  message: string | null;
  issues: Issue[];
  evaluation: Extract<FromWorker, { type: 'evaluated' }> | null;
  predictions: Extract<FromWorker, { type: 'predicted' }> | null;
  /** Set when a worker crash or a failed backend made the run resume from a checkpoint. */
  recovered: { why: string; epoch: number; avoided: BackendName | null } | null;
}

const initial: RunState = { status: 'idle', modelId: null, backend: null, data: null, progress: null, points: [], epochs: [], result: null, message: null, issues: [], evaluation: null, predictions: null, recovered: null };
export const useRun = create<RunState>()(() => initial);

export interface RunSettings {
  backend: BackendChoice;
  threads: ThreadsChoice;
  fit: FitOptions;
}
export const DEFAULT_FIT: FitOptions = { epochs: 2, batchSize: 64, validationSplit: 0.2, shuffle: true, patience: 0, restoreBest: false };
export const useSettings = create<RunSettings>()(() => ({ backend: 'auto', threads: 'auto', fit: DEFAULT_FIT }));

/** The model's outputs (Keras names and shapes) from the analysis: no tfjs on this thread. */
export const outputsOf = (doc: ProjectDoc, modelId: ModelId): OutputSpec[] => outputSpecs(doc, modelId, analysisOf(doc));

/** The model's compile settings: stored ones, else the defaults for its outputs. */
export function compileOf(doc: ProjectDoc, modelId: ModelId): CompileConfig {
  return doc.models[modelId]?.compile ?? defaultCompile(doc, modelId, outputsOf(doc, modelId));
}

const projectKey = () => projectKeyOf(useSession.getState().currentId, useDocument.getState().doc);

let lastRequest: TrainRequest | null = null;
let retries = 0;
const MAX_RETRIES = 2;

export async function train(data: DataSpec) {
  const st = useRun.getState();
  if (st.status === 'preparing' || st.status === 'running' || st.status === 'stopping') {
    useRun.setState({ message: 'refused' });
    return;
  }
  const { doc, activeModel } = useDocument.getState();
  await openWeights(projectKey());
  const { backend, fit, threads } = useSettings.getState();
  const threading = wasmThreads(threads);
  workerSettings(`threads:${threading.use}`);
  const sameModel = st.modelId === activeModel;
  const w = useWeights.getState();
  const req: TrainRequest = {
    type: 'train',
    doc,
    modelId: activeModel,
    compile: compileOf(doc, activeModel),
    fit: { ...fit, initialEpoch: w.weights ? w.epochs : 0 },
    data,
    backend,
    wasmThreads: threading,
    weights: w.weights,
    approvedCustom: approvedClasses(doc, projectKey()),
  };
  lastRequest = req;
  retries = 0;
  useRun.setState({
    status: 'preparing',
    modelId: activeModel,
    progress: null,
    message: null,
    issues: [],
    result: null,
    recovered: null,
    // A new model starts new charts; training the same one again continues them.
    ...(sameModel ? {} : { points: [], epochs: [], evaluation: null, predictions: null, data: null }),
  });
  send(req);
}

export const stop = () => {
  if (useRun.getState().status !== 'running') return;
  useRun.setState({ status: 'stopping' });
  send({ type: 'stop' });
};
export const evaluate = () => send({ type: 'evaluate' });
export const predictRows = (rows: number[]) => send({ type: 'predict', rows });
export const predictInput = (input: Float32Array) => send({ type: 'predict', input });

/** Forget the trained weights and the run: the next fit starts from fresh weights. */
export async function resetRun() {
  restartWorker();
  useRun.setState(initial);
  await clearWeights();
}

/**
 * Resume from the last checkpoint in a fresh worker. A crash retries the same backend choice; a
 * backend that failed (a lost WebGL context: tfjs cannot restore its textures) is avoided.
 */
function recover(why: string, failed: BackendName | null) {
  const req = lastRequest;
  const st = useRun.getState();
  if (!req || retries >= MAX_RETRIES || (st.status !== 'running' && st.status !== 'preparing')) {
    useRun.setState({ status: 'error', message: why });
    return;
  }
  retries++;
  restartWorker();
  // The epochs the checkpoint holds count as done.
  const w = useWeights.getState();
  const target = (req.fit.initialEpoch ?? 0) + req.fit.epochs;
  const start = w.weights ? w.epochs : 0;
  const next: TrainRequest = {
    ...req,
    weights: w.weights,
    avoid: failed ? [...(req.avoid ?? []), failed] : req.avoid,
    backend: failed ? 'auto' : req.backend,
    fit: { ...req.fit, initialEpoch: start, epochs: Math.max(1, target - start) },
  };
  lastRequest = next;
  // Epochs after the checkpoint are redone: drop their logs and chart points.
  useRun.setState((s) => ({ status: 'preparing', recovered: { why, epoch: start, avoided: failed }, progress: null, epochs: s.epochs.filter((e) => e.epoch <= start), points: s.points.filter((p) => p.x < start) }));
  send(next);
}

function handle(m: FromWorker) {
  const set = useRun.setState;
  switch (m.type) {
    case 'backend':
      set({ backend: m.info });
      break;
    case 'data':
      set({ data: m, status: 'running' });
      break;
    case 'progress': {
      const p = m.progress;
      set((s) => ({ progress: p, status: s.status === 'stopping' ? 'stopping' : 'running', points: [...s.points, { x: p.epoch - 1 + p.batch / p.batches, logs: p.logs }] }));
      break;
    }
    case 'epoch':
      set((s) => ({ epochs: [...s.epochs, m.end] }));
      void saveWeights(m.weights, m.end.epoch);
      break;
    case 'done':
      set({ status: m.result.status, result: m.result });
      void saveWeights(m.weights, m.result.epochsDone);
      break;
    case 'evaluated':
      set({ evaluation: m });
      break;
    case 'predicted':
      set({ predictions: m });
      break;
    case 'refused':
      set({ message: m.message });
      break;
    case 'error':
      if (m.recoverable) recover(m.message, useRun.getState().backend?.backend ?? null);
      else set((s) => ({ status: s.status === 'running' || s.status === 'preparing' ? 'error' : s.status, message: m.message, issues: m.issues }));
      break;
    default:
      break;
  }
}

onMessage(handle);
onCrash((why) => recover(why, null));
