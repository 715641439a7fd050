/**
 * The typed messages between the app and the training worker. Everything here is
 * structured-clonable (typed arrays travel as transferables where large).
 */
import type { CompileConfig, ModelId, ProjectDoc } from '../doc';
import type { Issue } from '../issues';
import type { Shape } from '../shape';
import type { WeightSet } from '../weights';
import type { CsvMapping } from './data/csv';
import type { EpochEnd, FitOptions, FitResult, Logs, Progress } from './trainer';
import type { Prediction } from './predict';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
/** WASM threads: 'auto' is the app's measured default (see src/app/training/threads.ts). */
export type ThreadsChoice = 'auto' | 'on' | 'off';

export type DataSpec =
  | { kind: 'mnist'; /** first N training samples (quick runs) */ limit?: number }
  | { kind: 'synthetic'; count: number; seqLen?: number; seed?: number }
  | { kind: 'csv'; text: string; mapping: CsvMapping }
  /** One sub-folder per class: files from a folder pick, or the entries of a zip. */
  | { kind: 'images'; files: { path: string; bytes: ArrayBuffer }[] };

export interface TrainRequest {
  type: 'train';
  doc: ProjectDoc;
  modelId: ModelId;
  compile: CompileConfig;
  fit: FitOptions;
  data: DataSpec;
  backend: BackendChoice;
  /** Let WASM use threads (only where the page is cross-origin isolated), and why. A worker starts WASM once: the app restarts it to switch. */
  wasmThreads?: { use: boolean; why: string };
  /** Backends to skip in auto (one that lost its context or crashed). */
  avoid?: BackendName[];
  /** Starting weights: the project's (checkpoint), or null for fresh ones. */
  weights: WeightSet | null;
  /** Custom layer classes the user approved to run in this project. */
  approvedCustom: string[];
}

export type ToWorker =
  | TrainRequest
  | { type: 'stop' }
  | { type: 'evaluate' }
  /** Predict test samples by row, or one drawn input (values for the model's single input). */
  | { type: 'predict'; rows?: number[]; input?: Float32Array }
  | { type: 'weights' }
  /** Output shape of a custom layer on an input shape (runs its code here, never on the main thread). */
  | { type: 'probe-custom'; doc: ProjectDoc; className: string; input: Shape; params: Record<string, unknown> };

export interface BackendInfo {
  backend: BackendName;
  /** Why this one: "auto: webgpu unavailable (no adapter); webgl is software (SwiftShader); wasm ok". */
  reason: string;
  simd?: boolean;
  threads?: boolean;
  /** Why WASM runs with or without threads. */
  threadsWhy?: string;
}

export interface Sample {
  /** The input values of the sample (for drawing it: 784 pixels for MNIST). */
  input: Float32Array;
  /** Its true class per classifier output, when known. */
  label?: Record<string, number>;
}

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'data'; name: string; train: number; val: number; test: number; classNames?: Record<string, string[]>; notes?: string[] }
  | { type: 'progress'; progress: Progress }
  | { type: 'epoch'; end: EpochEnd; weights: WeightSet }
  | { type: 'done'; result: FitResult; weights: WeightSet }
  | { type: 'evaluated'; logs: Logs; confusion: Record<string, number[][]> }
  | { type: 'predicted'; predictions: Prediction[]; samples: Sample[] }
  | { type: 'weights'; weights: WeightSet | null }
  | { type: 'refused'; message: string }
  | { type: 'probe-custom'; className: string; result: { ok: true; output: (number | null)[] } | { ok: false; message: string } }
  /** `recoverable`: the backend failed (lost context, missing kernel) — retry elsewhere from the checkpoint. */
  | { type: 'error'; message: string; issues: Issue[]; recoverable: boolean };
