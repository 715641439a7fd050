/**
 * Explicit translations of config values that differ between tfjs, Keras 2 and Keras 3 files,
 * applied before a kind's own codecs read them. Each table names every value it maps.
 */

/**
 * tfjs serializes activations by its own class names. Not here: gelu_new (the tanh
 * approximation), which no Keras 3 activation name computes, so the importer refuses it.
 */
const ACTIVATION_ALIASES: Record<string, string> = {
  hardSigmoid: 'hard_sigmoid',
  softMax: 'softmax',
  logSoftmax: 'log_softmax',
  LeakyReLU: 'leaky_relu',
};

/** tfjs activations no Keras 3 name computes, with what they compute. */
export const FOREIGN_ACTIVATIONS: Readonly<Record<string, string>> = {
  gelu_new: 'gelu_new is the tanh approximation of gelu, which a Keras 3 activation name cannot express',
};

export function activationValue(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    // Keras 3 may write {"module": "keras.activations", "class_name": "function", "config": "relu"}.
    const o = v as { class_name?: unknown; config?: unknown };
    if (typeof o.config === 'string') return activationValue(o.config);
    if (typeof o.class_name === 'string') return activationValue(o.class_name);
    return v;
  }
  return typeof v === 'string' && Object.hasOwn(ACTIVATION_ALIASES, v) ? ACTIVATION_ALIASES[v] : v;
}

/** tf.keras and tfjs write glorot/he/lecun initializers as VarianceScaling with their settings. */
const VARIANCE_SCALING: { scale: number; mode: string; distribution: readonly string[]; name: string }[] = [
  { scale: 1, mode: 'fan_avg', distribution: ['uniform'], name: 'GlorotUniform' },
  { scale: 1, mode: 'fan_avg', distribution: ['normal', 'truncated_normal'], name: 'GlorotNormal' },
  { scale: 2, mode: 'fan_in', distribution: ['uniform'], name: 'HeUniform' },
  { scale: 2, mode: 'fan_in', distribution: ['normal', 'truncated_normal'], name: 'HeNormal' },
  { scale: 1, mode: 'fan_in', distribution: ['uniform'], name: 'LecunUniform' },
  { scale: 1, mode: 'fan_in', distribution: ['normal', 'truncated_normal'], name: 'LecunNormal' },
];
/** tfjs class names of initializers → Keras class names. */
const INITIALIZER_ALIASES: Record<string, string> = {
  zeros: 'Zeros', ones: 'Ones', glorotUniform: 'GlorotUniform', glorotNormal: 'GlorotNormal',
  heUniform: 'HeUniform', heNormal: 'HeNormal', leCunUniform: 'LecunUniform', leCunNormal: 'LecunNormal',
  randomNormal: 'RandomNormal', randomUniform: 'RandomUniform', truncatedNormal: 'TruncatedNormal', orthogonal: 'Orthogonal',
};

export function initializerValue(v: unknown): unknown {
  if (typeof v === 'string') return Object.hasOwn(INITIALIZER_ALIASES, v) ? INITIALIZER_ALIASES[v] : v;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as { class_name?: unknown; config?: Record<string, unknown> };
  if (o.class_name === 'VarianceScaling' && o.config) {
    const c = o.config;
    const hit = VARIANCE_SCALING.find((s) => s.scale === c.scale && s.mode === c.mode && s.distribution.includes(String(c.distribution)));
    return hit ? { class_name: hit.name, config: {} } : v;
  }
  if (typeof o.class_name === 'string' && Object.hasOwn(INITIALIZER_ALIASES, o.class_name)) return { ...o, class_name: INITIALIZER_ALIASES[o.class_name] };
  return v;
}

/** dtype as a string, or the name inside a Keras 3 DTypePolicy object. */
export function dtypeValue(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const c = (v as { config?: { name?: unknown } }).config;
    return typeof c?.name === 'string' ? c.name : v;
  }
  return v;
}

/** Apply the tables to the keys of one layer config that hold such values. */
export function normalizeConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'activation' || k === 'recurrent_activation') out[k] = activationValue(v);
    else if (k.endsWith('_initializer')) out[k] = initializerValue(v);
    else if (k === 'dtype') out[k] = dtypeValue(v);
    else out[k] = v;
  }
  return out;
}
