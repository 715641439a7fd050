/**
 * Parameter schemas. A layer kind's params are keyed by their Keras names (units, kernel_size,
 * use_bias, ...). Each spec is the one source of truth for the value's type, default and range,
 * and carries explicit codecs for every target: the Keras config value, the tfjs config field
 * (or null where tfjs 4.22 has no such option), the Python literal, and the reverse from Keras.
 */
import { KERAS_OBJECTS, objectFromKeras, objectText, objectToKeras, objectToPython, objectToTfjs, parseObject } from './kerasObjects';

export type ParamValue = number | string | boolean | null | readonly (number | null)[] | WrappedLayer;

/** A layer held inside a wrapper (Bidirectional, TimeDistributed): kind + its own params. */
export interface WrappedLayer {
  readonly kind: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface Spec<T extends ParamValue = ParamValue> {
  readonly type: 'int' | 'float' | 'bool' | 'enum' | 'ints' | 'shape' | 'layer' | 'string';
  readonly default: T;
  /** Field name in tfjs's layer config; null = tfjs 4.22 has no such option. */
  readonly tfjs: string | null;
  /** Written positionally in Python, as the seed does: Dense(64), Conv2D(16, 3). */
  readonly positional?: boolean;
  readonly doc?: string;
  /** The option's name in Keras 2 and tfjs files, read when the Keras 3 name is absent (LeakyReLU's alpha). */
  readonly keras2Name?: string;
  /** Enum choices (enum), or wrapped kinds allowed (layer). */
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Returns a message naming the value when it is not allowed, else null. */
  check(v: unknown): string | null;
  toKeras(v: T): unknown;
  fromKeras(x: unknown): T | undefined;
  toTfjs(v: T): unknown;
  toPython(v: T): string;
}

export type ParamSchema = Readonly<Record<string, Spec<any>>>;
export type ValuesOf<S extends ParamSchema> = { readonly [K in keyof S]: S[K] extends Spec<infer T> ? T : never };
export type Params = Readonly<Record<string, ParamValue>>;

interface Opts {
  tfjs?: string | null;
  positional?: boolean;
  doc?: string;
  keras2Name?: string;
}

/** The Opts fields of every spec; a missing tfjs field means tfjs 4.22 has no such option. */
const optFields = (o: Opts) => ({ tfjs: o.tfjs === undefined ? null : o.tfjs, positional: o.positional, doc: o.doc, keras2Name: o.keras2Name });

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Escape text for inside a Python string literal: backslash, double quote, and every character
 * that is not plainly visible (controls, NUL, line and paragraph separators, bidi marks, lone
 * surrogates, unassigned) as \xHH / \uHHHH / \UHHHHHHHH. Nothing can end the literal, start a
 * line or hide code; printable non-ASCII (CJK names) stays readable. `newlines` keeps \n as a
 * real line break (docstrings).
 */
function pyEscape(s: string, newlines: boolean): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += newlines ? '\n' : '\\n';
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) out += c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : c < 0x10000 ? `\\u${c.toString(16).padStart(4, '0')}` : `\\U${c.toString(16).padStart(8, '0')}`;
    else out += ch;
  }
  return out;
}

/** The one way text enters generated Python as a string: "…" with everything risky escaped. */
export function pyStr(s: string): string {
  return `"${pyEscape(s, false)}"`;
}

/** A docstring holding any text: its quotes and backslashes escaped, so it cannot close early. */
export function pyDocstring(s: string): string {
  return `"""${pyEscape(s, true)}"""`;
}

/** Python literal of a plain value: None, True, "relu", (4, 4, 1), (784,). */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return pyStr(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'float("inf")' : 'float("-inf")';
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyStr(k)}: ${py(x)}`).join(', ')}}`;
  return pyStr(String(v));
}

function plain<T extends ParamValue>(base: Omit<Spec<T>, 'toKeras' | 'fromKeras' | 'toTfjs' | 'toPython'> & Partial<Spec<T>>): Spec<T> {
  return {
    toKeras: (v) => v,
    fromKeras: (x) => (base.check(x) === null ? (x as T) : undefined),
    toTfjs: (v) => v,
    toPython: (v) => py(v),
    ...base,
  };
}

export function int(o: Opts & { default: number; min?: number; max?: number }): Spec<number>;
export function int(o: Opts & { default: number | null; min?: number; max?: number; nullable: true }): Spec<number | null>;
export function int(o: Opts & { default: number | null; min?: number; max?: number; nullable?: boolean }): Spec<any> {
  return plain({
    type: 'int',
    default: o.default,
    ...optFields(o),
    min: o.min,
    max: o.max,
    check(v) {
      if (v === null && o.nullable) return null;
      if (!isInt(v)) return `must be an integer, got ${py(v)}`;
      if (o.min !== undefined && v < o.min) return `must be ≥ ${o.min}, got ${v}`;
      if (o.max !== undefined && v > o.max) return `must be ≤ ${o.max}, got ${v}`;
      return null;
    },
  });
}

export function float(o: Opts & { default: number; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean }): Spec<number> {
  return plain({
    type: 'float',
    default: o.default,
    ...optFields(o),
    min: o.min,
    max: o.max,
    check(v) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number, got ${py(v)}`;
      if (o.min !== undefined && (o.exclusiveMin ? v <= o.min : v < o.min)) return `must be ${o.exclusiveMin ? '>' : '≥'} ${o.min}, got ${v}`;
      if (o.max !== undefined && (o.exclusiveMax ? v >= o.max : v > o.max)) return `must be ${o.exclusiveMax ? '<' : '≤'} ${o.max}, got ${v}`;
      return null;
    },
  });
}

export function bool(dflt: boolean, o: Opts = {}): Spec<boolean> {
  return plain({
    type: 'bool',
    default: dflt,
    ...optFields(o),
    check: (v) => (typeof v === 'boolean' ? null : `must be True or False, got ${py(v)}`),
  });
}

export function enumOf<T extends string>(options: readonly T[], dflt: T, o: Opts & { tfjsNames?: Partial<Record<T, string>> } = {}): Spec<T> {
  return plain({
    type: 'enum',
    default: dflt,
    options,
    ...optFields(o),
    check: (v) => (typeof v === 'string' && (options as readonly string[]).includes(v) ? null : `must be one of ${options.join(', ')}; got ${py(v)}`),
    toTfjs: (v) => o.tfjsNames?.[v] ?? v,
  });
}

/**
 * An int or a tuple of `length` ints (kernel_size=3 or (3, 3)). The stored value keeps the
 * user's form so Python reads as the seed writes it; Keras configs always get the tuple.
 */
export function ints(o: Opts & { default: number | readonly number[]; length: number; min?: number; scalar?: boolean }): Spec<number | readonly number[]> {
  const expand = (v: number | readonly number[]) => (typeof v === 'number' ? Array.from({ length: o.length }, () => v) : [...v]);
  return plain({
    type: 'ints',
    default: o.default,
    ...optFields(o),
    min: o.min,
    check(v) {
      const scalarOk = o.scalar !== false;
      if (isInt(v) && scalarOk) return o.min !== undefined && v < o.min ? `must be ≥ ${o.min}, got ${v}` : null;
      if (!Array.isArray(v) || v.length !== o.length || !v.every(isInt))
        return `must be ${scalarOk ? 'an integer or ' : ''}a tuple of ${o.length} integers, got ${py(v)}`;
      if (o.min !== undefined && v.some((x: number) => x < o.min!)) return `every entry must be ≥ ${o.min}, got ${py(v)}`;
      return null;
    },
    toKeras: (v) => expand(v),
    fromKeras(x) {
      if (isInt(x)) return x;
      if (Array.isArray(x) && x.length === o.length && x.every(isInt)) return x.length > 0 && x.every((d) => d === x[0]) && o.scalar !== false ? x[0] : x;
      return undefined;
    },
    toTfjs: (v) => expand(v),
  });
}

/** Expand an `ints` value to its tuple. */
export const tuple = (v: number | readonly number[], n: number): number[] => (typeof v === 'number' ? Array(n).fill(v) : [...v]);

/** A shape without the batch dim, with None allowed (Input shape, Reshape target with -1). */
export function shape(o: Opts & { default: readonly (number | null)[]; allowNone?: boolean; allowMinusOne?: boolean; minRank?: number }): Spec<readonly (number | null)[]> {
  return plain({
    type: 'shape',
    default: o.default,
    ...optFields(o),
    check(v) {
      if (!Array.isArray(v)) return `must be a tuple of dimensions, got ${py(v)}`;
      if (o.minRank !== undefined && v.length < o.minRank) return `needs at least ${o.minRank} dimension(s), got ${py(v)}`;
      for (const d of v) {
        if (d === null && o.allowNone) continue;
        if (d === -1 && o.allowMinusOne) continue;
        if (!isInt(d) || d < 1) return `dimensions must be positive integers${o.allowNone ? ' or None' : ''}${o.allowMinusOne ? ' or -1' : ''}, got ${py(v)}`;
      }
      if (o.allowMinusOne && v.filter((d: unknown) => d === -1).length > 1) return `may hold -1 only once, got ${py(v)}`;
      return null;
    },
    toKeras: (v) => [...v],
    fromKeras: (x) => (Array.isArray(x) ? (x as (number | null)[]) : undefined),
    toTfjs: (v) => [...v],
  });
}

export function str(dflt: string, o: Opts = {}): Spec<string> {
  return plain({
    type: 'string',
    default: dflt,
    ...optFields(o),
    check: (v) => (typeof v === 'string' ? null : `must be a string, got ${py(v)}`),
  });
}

/** The wrapped layer of a wrapper kind. Codecs for it live in the wrapper (they need the kind map). */
export function wrapped(options: readonly string[], dflt: WrappedLayer, o: Opts = {}): Spec<WrappedLayer> {
  return {
    type: 'layer',
    default: dflt,
    options,
    tfjs: o.tfjs === undefined ? 'layer' : o.tfjs,
    positional: o.positional ?? true,
    doc: o.doc,
    check: (v) =>
      v && typeof v === 'object' && !Array.isArray(v) && options.includes((v as WrappedLayer).kind)
        ? null
        : `must wrap one of ${options.join(', ')}, got ${py((v as WrappedLayer | null)?.kind ?? v)}`,
    toKeras: (v) => v,
    fromKeras: () => undefined,
    toTfjs: (v) => v,
    toPython: (v) => v.kind,
  };
}

// ---- Hover texts of the params many kinds share, one place each (Keras API reference wording) ----

export const DOCS = {
  activation: 'The activation function, by Keras name.',
  recurrent_activation: 'Activation function for the recurrent step (the gates), by Keras name.',
  use_bias: 'Whether the layer uses a bias vector.',
  kernel_initializer: 'Initializer for the kernel weights matrix.',
  recurrent_initializer: 'Initializer for the recurrent_kernel weights matrix, used for the linear transformation of the recurrent state.',
  bias_initializer: 'Initializer for the bias vector.',
  beta_initializer: 'Initializer for the beta weight.',
  gamma_initializer: 'Initializer for the gamma weight.',
  padding: '"valid" (no padding) or "same" (pad evenly so that with strides 1 the output keeps the input size).',
  data_format: 'Ordering of the axes: "channels_last" (batch, ..., channels) or "channels_first" (batch, channels, ...).',
} as const;

// ---- Activations and initializers: the Keras names, with explicit tfjs names ----

/**
 * keras.activations of Keras 3 that take x alone. Left out: glu (halves the last axis, so it is
 * no elementwise activation) and threshold (needs threshold and default_value, so Keras cannot
 * call it by name).
 */
export const ACTIVATIONS = [
  'linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'selu', 'elu', 'celu',
  'gelu', 'swish', 'silu', 'hard_sigmoid', 'hard_silu', 'hard_swish', 'hard_tanh', 'hard_shrink',
  'soft_shrink', 'tanh_shrink', 'relu6', 'leaky_relu', 'log_sigmoid', 'log_softmax', 'mish',
  'exponential', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', 'squareplus',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];
/**
 * Keras activation → tfjs activation identifier: tfjs's own where it has one, else the Keras
 * name, which engine/tfjsActivations.ts registers. hard_sigmoid stays tfjs's (and Keras 2's)
 * clip(0.2·x + 0.5): tfjs writes it as "hard_sigmoid" too, so a file cannot tell the two apart
 * (Keras 3's is relu6(x + 3) / 6; see tfjsActivations.test.ts).
 */
const TFJS_ACTIVATION: Record<Activation, string> = {
  linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', softplus: 'softplus',
  softsign: 'softsign', selu: 'selu', elu: 'elu', gelu: 'gelu', swish: 'swish', silu: 'swish', relu6: 'relu6', mish: 'mish',
  celu: 'celu', hard_sigmoid: 'hardSigmoid', hard_silu: 'hard_silu', hard_swish: 'hard_silu', hard_tanh: 'hard_tanh',
  hard_shrink: 'hard_shrink', soft_shrink: 'soft_shrink', tanh_shrink: 'tanh_shrink', leaky_relu: 'leaky_relu',
  log_sigmoid: 'log_sigmoid', log_softmax: 'log_softmax', exponential: 'exponential', sparse_plus: 'sparse_plus',
  sparse_sigmoid: 'sparse_sigmoid', sparsemax: 'sparsemax', squareplus: 'squareplus',
};
export const tfjsActivation = (a: Activation) => TFJS_ACTIVATION[a];

export function activation(dflt: Activation = 'linear', o: Opts = {}): Spec<Activation> {
  const base = enumOf(ACTIVATIONS, dflt, { tfjs: 'activation', doc: DOCS.activation, ...o });
  return {
    ...base,
    // Keras 2 files name the identity None.
    fromKeras: (x) => (x === null ? 'linear' : base.fromKeras(x)),
    toTfjs: (v) => TFJS_ACTIVATION[v],
  };
}

export const INITIALIZERS = [
  'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal',
  'zeros', 'ones', 'random_normal', 'random_uniform', 'truncated_normal', 'orthogonal',
] as const;
export type Initializer = (typeof INITIALIZERS)[number];
const INIT_CLASS: Record<Initializer, [keras: string, tfjs: string]> = {
  glorot_uniform: ['GlorotUniform', 'glorotUniform'], glorot_normal: ['GlorotNormal', 'glorotNormal'],
  he_uniform: ['HeUniform', 'heUniform'], he_normal: ['HeNormal', 'heNormal'],
  lecun_uniform: ['LecunUniform', 'leCunUniform'], lecun_normal: ['LecunNormal', 'leCunNormal'],
  zeros: ['Zeros', 'zeros'], ones: ['Ones', 'ones'], random_normal: ['RandomNormal', 'randomNormal'],
  random_uniform: ['RandomUniform', 'randomUniform'], truncated_normal: ['TruncatedNormal', 'truncatedNormal'],
  orthogonal: ['Orthogonal', 'orthogonal'],
};
export const kerasInitializerClass = (i: Initializer) => INIT_CLASS[i][0];

/**
 * An initializer by Keras name ("he_normal"), or, when it has arguments Keras names have no
 * form for, its call text (`VarianceScaling(scale=2, mode="fan_out", distribution="truncated_normal")`,
 * see kerasObjects.ts).
 */
export function initializer(dflt: Initializer, o: Opts = {}): Spec<Initializer> {
  const base = enumOf(INITIALIZERS, dflt, o);
  const named = (v: string): v is Initializer => (INITIALIZERS as readonly string[]).includes(v);
  return {
    ...base,
    check: (v) => (typeof v === 'string' && !named(v) && /\(/.test(v) ? (typeof parseObject(v, 'initializer') === 'string' ? (parseObject(v, 'initializer') as string) : null) : base.check(v)),
    // Zeros() and Ones() take no arguments: Keras refuses their config with a seed.
    toKeras: (v) =>
      named(v) ? { module: 'keras.initializers', class_name: INIT_CLASS[v][0], config: v === 'zeros' || v === 'ones' ? {} : { seed: null }, registered_name: null } : objectToKeras(v, 'initializer'),
    fromKeras(x) {
      if (typeof x === 'string') return base.fromKeras(x);
      const cls = (x as { class_name?: unknown } | null)?.class_name;
      const hit = (Object.keys(INIT_CLASS) as Initializer[]).find((k) => INIT_CLASS[k][0] === cls || k === cls);
      const text = objectFromKeras(x, 'initializer');
      // A class with a name and its default arguments is written by name, as before.
      if (text === undefined || (hit && text === objectText({ className: INIT_CLASS[hit][0], args: { ...KERAS_OBJECTS[INIT_CLASS[hit][0]].args } }))) return hit;
      return text as Initializer;
    },
    toTfjs: (v) => (named(v) ? INIT_CLASS[v][1] : objectToTfjs(v, 'initializer')),
    toPython: (v) => (named(v) ? py(v) : objectToPython(v, 'initializer')),
  };
}

export const PADDINGS = ['valid', 'same'] as const;
export const padding = (o: Opts = {}) => enumOf(PADDINGS, 'valid', { tfjs: 'padding', doc: DOCS.padding, ...o });
export const DATA_FORMATS = ['channels_last', 'channels_first'] as const;
export const dataFormat = (o: Opts = {}) =>
  enumOf(DATA_FORMATS, 'channels_last', { tfjs: 'dataFormat', doc: DOCS.data_format, tfjsNames: { channels_last: 'channelsLast', channels_first: 'channelsFirst' }, ...o });

// ---- Schema-level helpers ----

export function defaults<S extends ParamSchema>(schema: S): ValuesOf<S> {
  const out: Record<string, ParamValue> = {};
  for (const [k, s] of Object.entries(schema)) out[k] = s.default;
  return out as ValuesOf<S>;
}

/** Fill missing params with defaults; unknown keys are dropped. */
export function withDefaults(schema: ParamSchema, given: Readonly<Record<string, unknown>> = {}): Params {
  const out: Record<string, ParamValue> = {};
  for (const [k, s] of Object.entries(schema)) out[k] = k in given ? (given[k] as ParamValue) : s.default;
  return out;
}

/** Per-param messages for values the schema does not allow. */
export function checkParams(schema: ParamSchema, params: Params): { param: string; message: string }[] {
  const out: { param: string; message: string }[] = [];
  for (const [k, s] of Object.entries(schema)) {
    const m = s.check(params[k]);
    if (m) out.push({ param: k, message: `${k} ${m}` });
  }
  return out;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
