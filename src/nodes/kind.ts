/**
 * The shape of a layer kind: one plain object per Keras class, testable without a DOM.
 * Shapes, weights (hence param counts), tfjs construction, Keras config and Python all
 * derive from the param schema plus two functions a kind writes: `infer` and `weights`.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Shape } from '../engine/shape';
import { fmtShape } from '../engine/shape';
import type { IssueCode } from '../engine/issues';
import { checkParams, py, sameValue, withDefaults, type ParamSchema, type Params, type ValuesOf } from './params';
import { fastOrthogonal } from './orthogonal';
import { withWeightOptions } from './kerasObjects';
import { registerActivations } from '../engine/tfjsActivations';

export type Tf = typeof tfNs;
export type TfLayer = tfNs.layers.Layer;

export type Category =
  | 'input' | 'core' | 'convolution' | 'pooling' | 'reshaping' | 'normalization'
  | 'recurrent' | 'attention' | 'merging' | 'activation' | 'regularization' | 'preprocessing' | 'ops' | 'wrapper' | 'custom';

/** Result of shape inference: output shapes (one per output port) or a message naming the values. */
export type Infer = { ok: true; shapes: Shape[] } | { ok: false; message: string; code?: IssueCode; param?: string };
export const ok = (...shapes: Shape[]): Infer => ({ ok: true, shapes });
export const fail = (message: string, code: IssueCode = 'shape-mismatch', param?: string): Infer => ({ ok: false, message, code, param });

/** One weight variable, in Keras order (kernel before bias, gamma, beta, moving_mean, moving_variance). */
export interface WeightSpec {
  name: string;
  shape: number[];
  trainable: boolean;
}
export const w = (name: string, shape: number[], trainable = true): WeightSpec => ({ name, shape, trainable });

/** A conformance case: inputs without... no, with the batch dim, plus params over the defaults. */
export interface Example {
  inputs: Shape[];
  params?: Record<string, unknown>;
  /** Set when tfjs 4.22 cannot build this case, so conformance checks the engine refuses it. */
  tfjsUnsupported?: boolean;
  note?: string;
}

export type TfjsBuild<P> =
  | string // factory name in tf.layers, called with the mapped config
  | { unsupported: string } // tfjs 4.22 lacks the kind: compile refuses with this reason
  | ((p: P, config: Record<string, unknown>, tf: Tf) => TfLayer | { unsupported: string });

export interface LayerKind<P extends Params = Params> {
  /** == Keras class_name; the stable id in files. */
  kind: string;
  category: Category;
  /** The module Keras saves the class under when it is no keras.layers class (keras.applications' LayerScale). */
  kerasModule?: string;
  /** One line for the palette tooltip. */
  doc: string;
  /** How many inputs one call takes; `names` label the ports (LSTM: inputs, initial h, initial c). */
  inputs: { min: number; max: number | null; names?: readonly string[] };
  params: ParamSchema;
  /** How many outputs a call has, from the params alone (LSTM return_state → 3). Default 1. */
  outputCount?(p: P): number;
  /** Output shapes for these input shapes (with batch dim), or a message naming the values. */
  infer(inputs: Shape[], p: P): Infer;
  /** Weights created when the layer is built on these inputs; param counts derive from this. */
  weights(inputs: Shape[], p: P): WeightSpec[];
  tfjs: TfjsBuild<P>;
  /** The Keras config's param fields, when the generic one (each param through its codec) does not fit. */
  kerasConfig?(p: P): Record<string, unknown>;
  /** A Keras config as the flat params read it (RNN: its nested cell's options), or why it cannot be read. */
  kerasConfigIn?(config: Readonly<Record<string, unknown>>): Record<string, unknown> | string;
  /** The Keras build_config, when `{input_shape}` does not fit the layer's build() (MultiHeadAttention: shapes_dict). */
  kerasBuildConfig?(inputs: Shape[]): Record<string, unknown>;
  /** The Python call's arguments, when the generic one (positional params, then changed kwargs) does not fit. */
  pythonArgs?(p: P): string[];
  /**
   * FLOPs of one call for one sample (batch dim excluded), by the convention in flops.ts; null
   * when a dim it needs is unknown. Optional: a kind without weights defaults to 0 (data
   * movement), a kind with weights and no formula is reported as not known.
   */
  flops?(inputs: Shape[], outputs: Shape[], p: P): number | null;
  /** Conformance cases, checked against tfjs. */
  examples: Example[];
}

export function defineLayer<S extends ParamSchema>(def: Omit<LayerKind<ValuesOf<S>>, 'params'> & { params: S }): LayerKind {
  return { ...def, params: withWeightOptions(def.params) } as unknown as LayerKind;
}

// ---- Derived, generic over every kind ----

export const outputCount = (k: LayerKind, p: Params) => (k.outputCount ? k.outputCount(p) : 1);

export function paramCount(k: LayerKind, inputs: Shape[], p: Params): { trainable: number; nonTrainable: number } {
  let trainable = 0;
  let nonTrainable = 0;
  for (const v of k.weights(inputs, p)) {
    const n = v.shape.reduce((a, b) => a * b, 1);
    if (v.trainable) trainable += n;
    else nonTrainable += n;
  }
  return { trainable, nonTrainable };
}

/** FLOPs of one call per sample: the kind's formula, else 0 for a kind without weights, else unknown (null). */
export function callFlops(k: LayerKind, inputs: Shape[], outputs: Shape[], p: Params): number | null {
  try {
    if (k.flops) return k.flops(inputs, outputs, p);
    return k.weights(inputs, p).length ? null : 0;
  } catch {
    return null;
  }
}

/** Param values the schema refuses, as messages prefixed by the kind. */
export function checkKindParams(k: LayerKind, p: Params) {
  return checkParams(k.params, p).map((e) => ({ ...e, message: `${k.kind}: ${e.message}` }));
}

export const fillParams = (k: LayerKind, given?: Readonly<Record<string, unknown>>) => withDefaults(k.params, given);

/**
 * The tfjs config of a call: each param mapped through its explicit tfjs field name. Params
 * tfjs has no field for are listed in `unsupported` when they differ from the default.
 */
export function tfjsConfig(k: LayerKind, p: Params, name: string): { config: Record<string, unknown>; unsupported: string[] } {
  const config: Record<string, unknown> = { name };
  const unsupported: string[] = [];
  for (const [key, spec] of Object.entries(k.params)) {
    if (spec.tfjs === null) {
      if (!sameValue(p[key], spec.default)) unsupported.push(`${key}=${spec.toPython(p[key])}`);
      continue;
    }
    const v = spec.toTfjs(p[key]);
    if (v === undefined) unsupported.push(`${key}=${spec.toPython(p[key])}`);
    else config[spec.tfjs] = v;
  }
  return { config, unsupported };
}

/** Build the tfjs layer of a call, or say why tfjs 4.22 cannot. */
export function buildTfjs(k: LayerKind, p: Params, name: string, tf: Tf): TfLayer | { unsupported: string } {
  const t = k.tfjs;
  if (typeof t === 'object') return t;
  const { config, unsupported } = tfjsConfig(k, p, name);
  if (unsupported.length) return { unsupported: `tfjs 4.22 has no support for ${k.kind}(${unsupported.join(', ')})` };
  // tfjs's own orthogonal initializer takes tens of seconds on an LSTM's recurrent kernel.
  for (const [k, v] of Object.entries(config)) if (v === 'orthogonal' && k.endsWith('Initializer')) config[k] = fastOrthogonal(tf);
  registerActivations(tf);
  if (typeof t === 'function') return t(p, config, tf);
  const factory = (tf.layers as unknown as Record<string, (c: unknown) => TfLayer>)[t];
  return factory(config);
}

/** Keras config fields from the params (the caller adds name, trainable, dtype). */
export function kerasParams(k: LayerKind, p: Params): Record<string, unknown> {
  if (k.kerasConfig) return k.kerasConfig(p);
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(k.params)) out[key] = spec.toKeras(p[key]);
  return out;
}

/** Params from a Keras config: known keys through their codecs, defaults for the rest. */
export function paramsFromKeras(k: LayerKind, config: Readonly<Record<string, unknown>>): { params: Params; problems: string[] } {
  const given: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(k.params)) {
    const from = key in config ? key : spec.keras2Name && spec.keras2Name in config ? spec.keras2Name : null;
    if (from === null) continue;
    const v = spec.fromKeras(config[from]);
    if (v === undefined) problems.push(`${k.kind}.${key}: cannot read ${JSON.stringify(config[from])}`);
    else given[key] = v;
  }
  return { params: withDefaults(k.params, given), problems };
}

/** `layers.Dense(64, activation="relu", name="dense")`: positional params, then kwargs that differ from the default. */
export function pythonCall(k: LayerKind, p: Params, name?: string): string {
  const args = k.pythonArgs ? k.pythonArgs(p) : genericPythonArgs(k, p);
  if (name) args.push(`name=${py(name)}`);
  return `${k.kerasModule ?? 'layers'}.${k.kind}(${args.join(', ')})`;
}

export function genericPythonArgs(k: LayerKind, p: Params): string[] {
  const args: string[] = [];
  for (const [key, spec] of Object.entries(k.params)) {
    if (spec.positional) args.push(spec.toPython(p[key]));
    else if (!sameValue(p[key], spec.default)) args.push(`${key}=${spec.toPython(p[key])}`);
  }
  return args;
}

// ---- Small helpers shared by kinds ----

/** "LSTM needs a rank-3 input (batch, timesteps, features), got (None, 784)". */
export function needRank(kind: string, x: Shape, rank: number | readonly number[], what = ''): Infer | null {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  if (ranks.includes(x.length)) return null;
  return fail(`${kind} needs a rank-${ranks.join(' or rank-')} input${what ? ` ${what}` : ''}, got ${fmtShape(x)}`, 'rank');
}

/** The last dim, which weights depend on, must be known. */
export function needKnown(kind: string, x: Shape, axis: number, what = 'last dimension'): Infer | null {
  const d = x[axis < 0 ? x.length + axis : axis];
  return d === null || d === undefined ? fail(`${kind} needs a known ${what}, got ${fmtShape(x)}`, 'shape-mismatch') : null;
}
