/**
 * The legacy HDF5 full-model file (`model.save("x.h5")`, Keras 2 / tf.keras and Keras 3): the
 * model config and training config as JSON in root attributes, the weights under
 * `model_weights/<layer>/` listed by the `layer_names` and `weight_names` attributes, in Keras
 * order (a nested model's group lists its inner layers' weights). Reached through
 * readKerasFile, which owns h5wasm.
 */
import type { File as H5File, Dataset, Group } from 'h5wasm';
import { issue, type Issue } from '../issues';
import { Refusal } from './kerasGraph';
import { LIMITS, fmtBytes } from './limits';
import { parseJsonText } from './safeJson';
import { unsafeObjects } from './safety';
import type { NamedTensor } from './weightsFile';

/** HDF5 files start with this signature. */
export const isHdf5 = (bytes: Uint8Array) => [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);

const text = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : null);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => text(x) ?? '') : typeof v === 'string' ? [v] : []);

function attr(g: Group | H5File, key: string): unknown {
  return Object.hasOwn(g.attrs, key) ? g.attrs[key].value : undefined;
}

/**
 * Config (with the training config, as Keras 2 JSON carries it) and weights of an open .h5 file.
 * `maxParams`: the parameter count of the model the config describes (null: the config is
 * refused, and the caller will say why); the file's weights are counted against it before any is read.
 */
export function readH5Model(
  f: H5File, file: string, projectClasses: readonly string[], maxParams: (config: unknown) => number | null,
): { config: unknown; tensors: NamedTensor[] } | { issues: Issue[] } {
  const raw = text(attr(f, 'model_config'));
  if (raw === null) return { issues: [issue('invalid-file', `${file} is an HDF5 file without a model_config attribute: a weights-only file (save_weights) holds no model; save with model.save("${file}")`)] };
  const parsed = parseJsonText(raw, `${file}/model_config`);
  if (!parsed.ok) return { issues: parsed.issues };
  const unsafe = unsafeObjects(parsed.value, `${file}/model_config`, new Set(projectClasses));
  if (unsafe.length) return { issues: unsafe };
  let config = parsed.value as Record<string, unknown>;
  const training = text(attr(f, 'training_config'));
  if (training !== null) {
    const t = parseJsonText(training, `${file}/training_config`);
    if (t.ok) config = { ...config, training_config: t.value };
  }
  const root = f.get('model_weights') as Group | null;
  const g = root && 'keys' in root ? root : (f as unknown as Group);
  const max = maxParams(config);
  if (max === null) return { config, tensors: [] };
  const listed: { name: string; d: Dataset; shape: number[] }[] = [];
  let total = 0;
  for (const layer of names(attr(g, 'layer_names'))) {
    const lg = g.get(layer) as Group | null;
    if (!lg) throw new Refusal([issue('invalid-file', `${file}: model_weights lists the layer "${layer}", which has no group`)]);
    const weightNames = names(attr(lg, 'weight_names'));
    // SpectralNormalization: legacy HDF5 lists kernel, bias, vector_u (trainable first); Keras' weight order is kernel, vector_u, bias.
    const u = weightNames.findIndex((w) => w.endsWith('/vector_u'));
    if (u > 1) weightNames.splice(1, 0, ...weightNames.splice(u, 1));
    for (const w of weightNames) {
      const d = lg.get(w) as Dataset | null;
      if (!d || !('shape' in d)) throw new Refusal([issue('invalid-file', `${file}: layer "${layer}" lists the weight "${w}", which is not in the file`)]);
      const shape = (d.shape ?? []) as number[];
      total += shape.reduce((a, b) => a * b, 1);
      // Weight names start with their layer's name, except in a nested model's group (its inner layers').
      listed.push({ name: w.startsWith(`${layer}/`) ? w : `${layer}/${w}`, d, shape });
    }
  }
  // Counted before any value is read: a damaged or hostile file must not make us allocate its claim.
  if (total > max) {
    throw new Refusal([issue('invalid-file', `${file} holds ${total.toLocaleString('en')} weight values, but the model has ${max.toLocaleString('en')} parameters${total * 4 > LIMITS.paramBytes ? ` (and more than ${fmtBytes(LIMITS.paramBytes)} is refused)` : ''}: the file is damaged or belongs to another model`)]);
  }
  const tensors = listed.map(({ name, d, shape }) => {
    // A scalar dataset (Normalization's count) reads as a bare number.
    const v = (typeof d.value === 'number' ? [d.value] : d.value) as ArrayLike<number>;
    return { name, shape, data: v instanceof Float32Array ? v : Float32Array.from(v) };
  });
  return { config, tensors };
}
