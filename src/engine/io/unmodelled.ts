/**
 * Keras config options Layerflow does not model, each with why leaving it out cannot change what
 * the imported model computes. An option read from a file is either a param of its kind, one of
 * these (left out: silently when inert, with a warning when it changes training), or refused —
 * never replaced by a default. unmodelled.test.ts holds the list against real Keras' configs and
 * runs real Keras with and without each option on a seeded input.
 */

export interface Unmodelled {
  /** The value Keras and tfjs write when the option is off; reading it changes nothing. */
  off: unknown;
  /** Why another value does not change the model's outputs (inference). */
  why: string;
  /** Set when another value changes training (or, for masks, masked steps): the import says so. */
  training?: string;
  /** The option is inert unless this other option is on (renorm_momentum without renorm). */
  inertUnless?: string;
  /** Why real Keras 3 on JAX cannot run the layer with it (so the test checks this reason instead). */
  unchecked?: 'keras2' | 'tensorflow';
}

const REGULARIZER: Unmodelled = { off: null, why: 'a regularizer adds a loss term; the forward pass is unchanged', training: 'its penalty is not added to the training loss' };
const CONSTRAINT: Unmodelled = { off: null, why: 'a constraint projects the weights after each optimizer step; the forward pass is unchanged', training: 'the weights are not constrained during training' };

/** Option → how it is left out, for every kind (per-kind entries below win). */
export const UNMODELLED: Readonly<Record<string, Unmodelled>> = {
  kernel_regularizer: REGULARIZER, bias_regularizer: REGULARIZER, recurrent_regularizer: REGULARIZER,
  depthwise_regularizer: REGULARIZER, pointwise_regularizer: REGULARIZER, embeddings_regularizer: REGULARIZER,
  beta_regularizer: REGULARIZER, gamma_regularizer: REGULARIZER, alpha_regularizer: REGULARIZER,
  activity_regularizer: { off: null, why: 'an activity regularizer adds a loss term on the outputs; the outputs are unchanged', training: 'its penalty is not added to the training loss' },
  kernel_constraint: CONSTRAINT, bias_constraint: CONSTRAINT, recurrent_constraint: CONSTRAINT,
  depthwise_constraint: CONSTRAINT, pointwise_constraint: CONSTRAINT, embeddings_constraint: CONSTRAINT,
  beta_constraint: CONSTRAINT, gamma_constraint: CONSTRAINT, alpha_constraint: CONSTRAINT,
  // Layers that model it (Dropout) keep it as a param.
  seed: { off: null, why: 'it only fixes the random draws of training (dropout masks, noise, image augmentation); inference outputs do not depend on it' },
  // tf.keras 2's Bidirectional sets it on its inner layers whenever return_sequences is on.
  zero_output_for_mask: {
    off: false,
    why: 'it only changes the outputs at timesteps a mask hides (zero instead of the last output)',
    training: 'where a mask hides timesteps (Embedding mask_zero), those outputs repeat the last output instead of zero',
  },
};

/** Per-kind entries: `Kind.option`. */
export const UNMODELLED_BY_KIND: Readonly<Record<string, Unmodelled>> = {
  'BatchNormalization.synchronized': { off: false, why: 'it synchronizes batch statistics across devices; on one device the layer is the same', unchecked: 'tensorflow' },
  'BatchNormalization.renorm': {
    off: false,
    why: 'batch renormalization corrects the batch statistics in training only; inference uses the moving mean and variance either way',
    training: 'training uses plain batch normalization',
  },
  'BatchNormalization.renorm_clipping': { off: null, why: 'it only bounds the batch renormalization corrections', inertUnless: 'renorm' },
  'BatchNormalization.renorm_momentum': { off: 0.99, why: 'it is the momentum of the batch renormalization statistics', inertUnless: 'renorm' },
  'BatchNormalization.fused': { off: null, why: 'it picks a faster implementation of the same computation', unchecked: 'keras2' },
  'BatchNormalization.virtual_batch_size': {
    off: null,
    why: 'ghost batch normalization splits the batch for its statistics in training only; inference uses the moving statistics',
    training: 'training normalizes over the whole batch',
    unchecked: 'keras2',
  },
  'BatchNormalization.adjustment': { off: null, why: 'it adjusts the normalized value in training only', training: 'the training-time adjustment is not applied', unchecked: 'keras2' },
  'AlphaDropout.noise_shape': {
    off: null,
    why: 'it shapes the dropout mask, which exists only while training',
    training: 'training draws the mask per element instead of sharing it along the given axes',
  },
  'Embedding.input_length': { off: null, why: 'it only declares the sequence length, which the input shape already gives', unchecked: 'keras2' },
};

/** Options that change what a layer computes and that Layerflow does not model: any value but `off` is refused. */
export const REFUSED_BY_KIND: Readonly<Record<string, { off: unknown; what: string }>> = {
  'LayerNormalization.rms_scaling': { off: false, what: 'it scales by the root mean square without centering' },
};

export const unmodelledOption = (kind: string, option: string): Unmodelled | undefined =>
  Object.hasOwn(UNMODELLED_BY_KIND, `${kind}.${option}`) ? UNMODELLED_BY_KIND[`${kind}.${option}`] : Object.hasOwn(UNMODELLED, option) ? UNMODELLED[option] : undefined;
