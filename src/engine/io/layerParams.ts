/** One layer entry of a file → a Layerflow layer kind + params, through each kind's own Keras codecs. */
import { KINDS, type KindMap } from '../../nodes';
import { checkKindParams, paramsFromKeras } from '../../nodes/kind';
import { sameValue, type Params, type ParamValue, type WrappedLayer } from '../../nodes/params';
import { refuse } from './kerasGraph';
import { LIMITS } from './limits';
import { REFUSED_BY_KIND, unmodelledOption } from './unmodelled';
import { dtypeValue, FOREIGN_ACTIVATIONS, normalizeConfig } from './values';

export interface LayerRead {
  kind: string;
  params: Params;
  trainable: boolean;
}

/** Config keys every layer carries, or options that do not change what the layer computes. */
export const IGNORED = new Set([
  'name', 'trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'input_shape', 'build_config', 'implementation',
  'unroll', 'time_major', 'sparse', 'ragged', 'optional', 'quantization_config', 'autocast', 'input_dim',
]);

const INPUT_DTYPES: Record<string, string> = { float32: 'float32', float64: 'float32', float16: 'float32', int32: 'int32', int64: 'int32', bool: 'bool' };

export function readInputLayer(name: string, config: Record<string, unknown>, where: string): LayerRead {
  const batch = config.batch_shape ?? config.batch_input_shape ?? (Array.isArray(config.shape) ? [null, ...config.shape] : undefined);
  if (!Array.isArray(batch) || batch.length < 2) refuse(`${where}: InputLayer "${name}" has no usable batch shape (${batch === undefined ? 'it has none' : `got ${JSON.stringify(batch)}`})`);
  const dims = (batch as unknown[]).slice(1);
  for (const d of dims)
    if (d !== null && !(Number.isInteger(d) && (d as number) >= 1 && (d as number) <= LIMITS.dim))
      refuse(`${where}: InputLayer "${name}" has the dimension ${JSON.stringify(d)} in shape ${JSON.stringify(batch)}; dimensions must be None or 1..${LIMITS.dim}`);
  const b0 = (batch as unknown[])[0];
  const dtype = dtypeValue(config.dtype ?? 'float32');
  const mapped = typeof dtype === 'string' && Object.hasOwn(INPUT_DTYPES, dtype) ? INPUT_DTYPES[dtype] : refuse(`${where}: InputLayer "${name}" has dtype ${JSON.stringify(dtype)}, which is not supported`);
  return {
    kind: 'InputLayer',
    params: { shape: dims as (number | null)[], dtype: mapped, batch_size: Number.isInteger(b0) && (b0 as number) >= 1 ? (b0 as number) : null },
    trainable: true,
  };
}

/** Params of a (non-input, non-model) layer. Lossy readings are refused; an option left out is one that cannot change the outputs. */
export function readLayer(className: string, name: string, rawConfig: Record<string, unknown>, where: string, warnings: string[], kinds: KindMap = KINDS): LayerRead {
  const kind = Object.hasOwn(kinds, className) ? kinds[className] : undefined;
  if (!kind) refuse(`${where}: layer "${name}" is of class "${className}", which Layerflow does not know (a custom class imports when the project defines it); nothing was imported`);
  const flat = kind!.kerasConfigIn ? kind!.kerasConfigIn(rawConfig) : rawConfig;
  if (typeof flat === 'string') refuse(`${where}: ${className} "${name}": ${flat}; nothing was imported`);
  const config = normalizeConfig(flat as Record<string, unknown>);
  const wrappedValues: Record<string, ParamValue> = {};
  for (const [key, spec] of Object.entries(kind!.params)) {
    if (spec.type !== 'layer' || !(key in config)) continue;
    const inner = config[key];
    if (inner === null || inner === undefined) continue;
    if (typeof inner !== 'object' || Array.isArray(inner)) refuse(`${where}: ${className} "${name}" has ${key} ${JSON.stringify(inner)}, not a layer config`);
    const o = inner as { class_name?: unknown; config?: unknown };
    if (typeof o.class_name !== 'string' || !o.config || typeof o.config !== 'object') refuse(`${where}: ${className} "${name}" has an unreadable ${key}`);
    const innerConfig = o.config as Record<string, unknown>;
    const read = readLayer(o.class_name as string, String(innerConfig.name ?? key), innerConfig, `${where} > ${name}`, warnings, kinds);
    const wl: WrappedLayer = { kind: read.kind, params: read.params };
    wrappedValues[key] = wl;
  }
  if (className === 'Bidirectional' && config.backward_layer) checkBackward(config, wrappedValues, name, where, warnings, kinds);
  delete config.backward_layer;
  const { params, problems } = paramsFromKeras(kind!, config);
  const merged: Record<string, ParamValue> = { ...params, ...wrappedValues };
  for (const p of problems) {
    const key = p.split(':')[0].split('.').pop() ?? '';
    if (kind!.params[key]?.type === 'layer') continue;
    if (key.endsWith('_initializer')) warnings.push(`${where}: layer "${name}": ${p}; the default initializer is used (weights are unaffected)`);
    else {
      const v = config[key];
      const why = typeof v === 'string' && Object.hasOwn(FOREIGN_ACTIVATIONS, v) ? ` (${FOREIGN_ACTIVATIONS[v]})` : '';
      refuse(`${where}: layer "${name}": ${p}${why}; nothing was imported`);
    }
  }
  const modelled = new Set(Object.entries(kind!.params).flatMap(([k, s]) => (s.keras2Name ? [k, s.keras2Name] : [k])));
  for (const [k, v] of Object.entries(config)) if (!modelled.has(k) && !IGNORED.has(k)) leaveOut(className, name, k, v, config, where, warnings);
  const bad = checkKindParams(kind!, merged);
  if (bad.length) refuse(`${where}: layer "${name}": ${bad.map((b) => b.message).join('; ')}`);
  for (const [k, v] of Object.entries(merged))
    if (typeof v === 'number' && Math.abs(v) > LIMITS.dim && kind!.params[k]?.type === 'int')
      refuse(`${where}: layer "${name}" has ${k}=${v}; values over ${LIMITS.dim} are refused`);
  return { kind: className, params: merged, trainable: rawConfig.trainable !== false };
}

/**
 * An option the kind has no param for: left out when unmodelled.ts says why that cannot change
 * the outputs (with a warning when it changes training), refused otherwise. A null or false
 * value of an option from another Keras version is its "off" setting and is passed over.
 */
function leaveOut(className: string, name: string, k: string, v: unknown, config: Record<string, unknown>, where: string, warnings: string[]) {
  const show = `${k}=${JSON.stringify(v)?.slice(0, 60)}`;
  const refused = Object.hasOwn(REFUSED_BY_KIND, `${className}.${k}`) ? REFUSED_BY_KIND[`${className}.${k}`] : undefined;
  if (refused && !sameValue(v, refused.off))
    refuse(`${where}: layer "${name}" has the option ${show}, which Layerflow does not model (${refused.what}); nothing was imported`);
  const u = unmodelledOption(className, k);
  if (!u) {
    if (v === null || v === false) return;
    refuse(`${where}: layer "${name}" has the option ${show}, which Layerflow does not model and which may change what the ${className} computes; nothing was imported`);
  }
  if (sameValue(v, u!.off) || (u!.inertUnless && !config[u!.inertUnless])) return;
  if (u!.training) warnings.push(`${where}: layer "${name}": ${show} is not modelled: ${u!.training} (${u!.why})`);
}

/** An explicit backward_layer is accepted when it is the forward layer run backwards (what Bidirectional builds by default). */
function checkBackward(config: Record<string, unknown>, wrapped: Record<string, ParamValue>, name: string, where: string, warnings: string[], kinds: KindMap) {
  const b = config.backward_layer as { class_name?: unknown; config?: Record<string, unknown> };
  const fwd = wrapped.layer as WrappedLayer | undefined;
  if (!fwd || typeof b?.class_name !== 'string' || !b.config) refuse(`${where}: Bidirectional "${name}" has an unreadable backward_layer`);
  const back = readLayer(b.class_name as string, String(b.config!.name ?? 'backward'), b.config!, `${where} > ${name}`, warnings, kinds);
  const strip = (p: Params) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'go_backwards'));
  if (back.kind !== fwd!.kind || JSON.stringify(strip(back.params)) !== JSON.stringify(strip(fwd!.params)))
    refuse(`${where}: Bidirectional "${name}" has a backward_layer that differs from its forward layer; Layerflow models only mirrored directions`);
}
