/**
 * Keras initializer, regularizer and constraint objects with arguments, kept as their Python
 * call text — `VarianceScaling(scale=2, mode="fan_out", distribution="truncated_normal")`,
 * `L2(l2=0.01)`, `MaxNorm(max_value=2, axis=0)` — so a param stays a plain string the inspector
 * edits, and every codec (Keras config, tfjs config, Python) is derived from the one text.
 */
import type { Spec } from './params';
import { py } from './params';

type Arg = number | string | null | readonly number[];
type Family = 'initializer' | 'regularizer' | 'constraint';
interface ObjClass {
  family: Family;
  /** Keras argument names with their defaults, in Keras order. */
  args: Readonly<Record<string, Arg>>;
  /** tfjs class and config from the Keras arguments. */
  tfjs(a: Record<string, Arg>): { className: string; config: Record<string, unknown> };
}

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const same = (name: string) => (a: Record<string, Arg>) => ({ className: name, config: Object.fromEntries(Object.entries(a).map(([k, v]) => [camel(k), typeof v === 'string' ? camel(v) : v])) });

export const KERAS_OBJECTS: Readonly<Record<string, ObjClass>> = {
  VarianceScaling: { family: 'initializer', args: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' }, tfjs: (a) => same('VarianceScaling')({ ...a, distribution: a.distribution === 'untruncated_normal' ? 'normal' : a.distribution }) },
  RandomNormal: { family: 'initializer', args: { mean: 0, stddev: 0.05 }, tfjs: same('RandomNormal') },
  RandomUniform: { family: 'initializer', args: { minval: -0.05, maxval: 0.05 }, tfjs: same('RandomUniform') },
  TruncatedNormal: { family: 'initializer', args: { mean: 0, stddev: 0.05 }, tfjs: same('TruncatedNormal') },
  Constant: { family: 'initializer', args: { value: 0 }, tfjs: same('Constant') },
  Orthogonal: { family: 'initializer', args: { gain: 1 }, tfjs: same('Orthogonal') },
  Identity: { family: 'initializer', args: { gain: 1 }, tfjs: same('Identity') },
  L1: { family: 'regularizer', args: { l1: 0.01 }, tfjs: (a) => ({ className: 'L1L2', config: { l1: a.l1, l2: 0 } }) },
  L2: { family: 'regularizer', args: { l2: 0.01 }, tfjs: (a) => ({ className: 'L1L2', config: { l1: 0, l2: a.l2 } }) },
  L1L2: { family: 'regularizer', args: { l1: 0, l2: 0 }, tfjs: same('L1L2') },
  MaxNorm: { family: 'constraint', args: { max_value: 2, axis: 0 }, tfjs: same('MaxNorm') },
  NonNeg: { family: 'constraint', args: {}, tfjs: same('NonNeg') },
  UnitNorm: { family: 'constraint', args: { axis: 0 }, tfjs: same('UnitNorm') },
  MinMaxNorm: { family: 'constraint', args: { min_value: 0, max_value: 1, rate: 1, axis: 0 }, tfjs: same('MinMaxNorm') },
};

/** The names Keras also takes as strings, with their default arguments. */
const ALIASES: Readonly<Record<string, string>> = {
  l1: 'L1', l2: 'L2', l1_l2: 'L1L2', max_norm: 'MaxNorm', non_neg: 'NonNeg', unit_norm: 'UnitNorm', min_max_norm: 'MinMaxNorm',
  variance_scaling: 'VarianceScaling', constant: 'Constant', identity: 'Identity',
};
/** Keras 2 wrote VarianceScaling's truncated normal as "normal". */
const KERAS2_VALUES: Readonly<Record<string, Arg>> = { normal: 'truncated_normal' };

const okArg = (v: unknown): v is Arg =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.every((x) => Number.isInteger(x)));

export interface KerasObject {
  className: string;
  args: Record<string, Arg>;
}

/** The call text of a class and its arguments (all of them, in Keras order). */
export function objectText(o: KerasObject): string {
  return `${o.className}(${Object.entries(o.args).map(([k, v]) => `${k}=${py(v)}`).join(', ')})`;
}

/** A Keras {class_name, config} (or the string form) of this family → its call text, or undefined. */
export function objectFromKeras(x: unknown, family: Family): string | undefined {
  if (typeof x === 'string' && Object.hasOwn(ALIASES, x) && KERAS_OBJECTS[ALIASES[x]].family === family) return objectText({ className: ALIASES[x], args: { ...KERAS_OBJECTS[ALIASES[x]].args } });
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const o = x as { class_name?: unknown; config?: unknown };
  const cls = typeof o.class_name === 'string' && Object.hasOwn(KERAS_OBJECTS, o.class_name) ? KERAS_OBJECTS[o.class_name] : undefined;
  if (!cls || cls.family !== family) return undefined;
  const config = (o.config && typeof o.config === 'object' ? o.config : {}) as Record<string, unknown>;
  const args: Record<string, Arg> = {};
  for (const [k, d] of Object.entries(cls.args)) {
    let v = k in config ? config[k] : d;
    if (typeof v === 'string' && Object.hasOwn(KERAS2_VALUES, v)) v = KERAS2_VALUES[v];
    if (!okArg(v)) return undefined;
    args[k] = v;
  }
  // Any other key but a seed, a name or one left at None (VarianceScaling's input_axes) is an argument this reading would lose.
  if (Object.entries(config).some(([k, v]) => !(k in cls.args) && k !== 'seed' && k !== 'name' && v !== null)) return undefined;
  return objectText({ className: o.class_name as string, args });
}

/** Parse call text back, or a message naming what is wrong. */
export function parseObject(text: string, family: Family): KerasObject | string {
  const m = /^\s*(\w+)\((.*)\)\s*$/s.exec(text);
  const cls = m && Object.hasOwn(KERAS_OBJECTS, m[1]) ? KERAS_OBJECTS[m[1]] : undefined;
  const known = Object.keys(KERAS_OBJECTS).filter((k) => KERAS_OBJECTS[k].family === family);
  if (!m || !cls || cls.family !== family) return `must be None or one of ${known.map((k) => `${k}(…)`).join(', ')}; got ${py(text)}`;
  const args: Record<string, Arg> = { ...cls.args };
  for (const part of m[2].match(/\w+\s*=\s*(\([^)]*\)|"[^"]*"|[^,]+)/g) ?? []) {
    const [, k, raw] = /^(\w+)\s*=\s*(.*)$/s.exec(part)!;
    if (!(k in cls.args)) return `${m[1]} has no argument ${k} (it takes ${Object.keys(cls.args).join(', ') || 'none'})`;
    const v = raw.trim();
    const val: Arg | undefined = v === 'None' ? null : v.startsWith('"') ? v.slice(1, -1) : v.startsWith('(') ? v.slice(1, -1).split(',').filter((s) => s.trim()).map(Number) : Number(v);
    if (!okArg(val)) return `${m[1]}: ${k}=${v} is not a number, a string, None or a tuple of ints`;
    args[k] = val;
  }
  return { className: m[1], args };
}

const MODULE: Record<Family, string> = { initializer: 'keras.initializers', regularizer: 'keras.regularizers', constraint: 'keras.constraints' };

/** The Keras config object of call text. */
export function objectToKeras(text: string, family: Family): Record<string, unknown> {
  const o = parseObject(text, family) as KerasObject;
  return { module: MODULE[family], class_name: o.className, config: { ...o.args }, registered_name: null };
}

/** The tfjs config dict ({className, config}) of call text. */
export function objectToTfjs(text: string, family: Family): Record<string, unknown> {
  const o = parseObject(text, family) as KerasObject;
  return KERAS_OBJECTS[o.className].tfjs(o.args);
}

export const objectToPython = (text: string, family: Family) => `${MODULE[family]}.${text.trim()}`;

/** A regularizer or constraint param: None, or the call text of one of the family's classes. */
export function kerasObjectParam(family: 'regularizer' | 'constraint', tfjs: string, doc: string): Spec<string | null> {
  return {
    type: 'string',
    default: null as unknown as string,
    tfjs,
    doc,
    check: (v) => (v === null ? null : typeof v === 'string' ? (typeof parseObject(v, family) === 'string' ? (parseObject(v, family) as string) : null) : `must be None or text like L2(l2=0.01), got ${py(v)}`),
    toKeras: (v) => (v === null ? null : objectToKeras(v, family)),
    fromKeras: (x) => (x === null || x === undefined ? null : objectFromKeras(x, family)),
    toTfjs: (v) => (v === null ? null : objectToTfjs(v, family)),
    toPython: (v) => (v === null ? 'None' : objectToPython(v, family)),
  } as Spec<string | null>;
}

/** The weight a `<w>_initializer` param names, for docs: "recurrent" → "recurrent kernel". */
const WEIGHT_WORD: Record<string, string> = { recurrent: 'recurrent_kernel', depthwise: 'depthwise kernel', pointwise: 'pointwise kernel' };

/**
 * Keras gives every weight with an `<w>_initializer` (but the moving statistics) a
 * `<w>_regularizer` and a `<w>_constraint` (checked against every keras.layers class): the
 * kinds get them from their initializer params, with the tfjs field names beside it.
 */
export function withWeightOptions<S extends Record<string, Spec<any>>>(params: S): S {
  const out: Record<string, Spec<any>> = { ...params };
  for (const [key, spec] of Object.entries(params)) {
    if (!key.endsWith('_initializer') || key.startsWith('moving_') || !spec.tfjs) continue;
    const w = key.slice(0, -'_initializer'.length);
    const base = spec.tfjs.slice(0, -'Initializer'.length);
    const word = WEIGHT_WORD[w] ?? w;
    if (!(`${w}_regularizer` in out)) out[`${w}_regularizer`] = kerasObjectParam('regularizer', `${base}Regularizer`, `Regularizer applied to the ${word} weights (a loss term in training), e.g. L2(l2=0.01); None for none.`);
    if (!(`${w}_constraint` in out)) out[`${w}_constraint`] = kerasObjectParam('constraint', `${base}Constraint`, `Constraint applied to the ${word} weights after each optimizer step, e.g. MaxNorm(max_value=2, axis=0); None for none.`);
  }
  return out as S;
}
