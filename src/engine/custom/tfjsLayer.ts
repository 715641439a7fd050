/**
 * The tfjs Layer class of a custom layer definition. This is the only place user code is
 * turned into a function (in the jail of sandbox.ts), and it is imported only by the training worker (and Node tests):
 * the main thread never runs custom code. Errors in the code — syntax or a throw inside
 * `call` — surface as CustomCodeError naming the class, never as a crashed worker.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf, TfLayer } from '../../nodes/kind';
import type { Shape } from '../shape';
import type { CustomLayerDef } from './definition';
import { envOf } from './kind';
import { evalShape } from './expr';
import { callOnly, compileJailed, opsOnly } from './sandbox';

export class CustomCodeError extends Error {
  constructor(
    readonly className: string,
    message: string,
  ) {
    super(`${className}: ${message}`);
  }
}

type CallFn = (inputs: unknown, ctx: Record<string, unknown>) => unknown;

/** Compile the `call` body in its jail (sandbox.ts); a syntax error or a refusal is returned as a message, not thrown. */
export function compileCall(def: CustomLayerDef): CallFn | string {
  return compileJailed(def.call, def.className);
}

type TfModel = tfNs.LayersModel;
type CustomClass = new (config: Record<string, unknown>, models?: Record<string, TfModel>) => TfLayer;
const classes = new Map<string, { source: string; cls: CustomClass }>();

/**
 * The tfjs class for a definition, registered with tf.serialization so model.json round-trips.
 * Models the layer holds come as the second constructor argument; their weights are the layer's.
 */
export function customLayerClass(def: CustomLayerDef, tf: Tf): CustomClass | string {
  const source = JSON.stringify(def);
  const cached = classes.get(def.className);
  if (cached?.source === source) return cached.cls;
  const compiled = compileCall(def);
  if (typeof compiled === 'string') return compiled;
  const fn: CallFn = compiled;

  class CustomLayer extends tf.layers.Layer {
    static className = def.className;
    readonly params: Record<string, unknown>;
    private vars: Record<string, tfNs.LayerVariable> = {};

    constructor(
      config: Record<string, unknown>,
      private readonly held: Record<string, TfModel> = {},
    ) {
      super(config as object);
      this.params = Object.fromEntries(def.params.map((p) => [p.name, p.name in config ? config[p.name] : p.default]));
    }

    get trainableWeights(): tfNs.LayerVariable[] {
      return [...super.trainableWeights, ...Object.values(this.held ?? {}).flatMap((m) => m.trainableWeights)];
    }
    set trainableWeights(v: tfNs.LayerVariable[]) {
      super.trainableWeights = v;
    }
    get nonTrainableWeights(): tfNs.LayerVariable[] {
      return [...super.nonTrainableWeights, ...Object.values(this.held ?? {}).flatMap((m) => m.nonTrainableWeights)];
    }
    set nonTrainableWeights(v: tfNs.LayerVariable[]) {
      super.nonTrainableWeights = v;
    }

    private env(inputShape: Shape | Shape[]) {
      const shapes = (Array.isArray(inputShape[0]) || inputShape.length === 0 ? inputShape : [inputShape]) as Shape[];
      return envOf(shapes, this.params as Record<string, number>);
    }

    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const env = this.env(inputShape as Shape | Shape[]);
      for (const w of def.weights) {
        const r = evalShape(w.shape, env);
        if (!r.ok || r.shape.some((d) => d === null)) throw new CustomCodeError(def.className, `cannot size weight ${w.name}: ${r.ok ? 'unknown dimension' : r.message}`);
        const init = (tf.initializers[INIT_FACTORY[w.initializer]] as (c: object) => Parameters<TfLayer["addWeight"]>[3])({});
        this.vars[w.name] = this.addWeight(w.name, r.shape as number[], 'float32', init, undefined, w.trainable);
      }
      this.built = true;
    }

    computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]): tfNs.Shape | tfNs.Shape[] {
      if (!def.outputShape) return inputShape; // dynamic: tfjs then asks call() by running it
      const r = evalShape(def.outputShape, this.env(inputShape as Shape | Shape[]));
      if (!r.ok) throw new CustomCodeError(def.className, r.message);
      return r.shape;
    }

    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>): tfNs.Tensor | tfNs.Tensor[] {
      const x = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
      const weights = Object.fromEntries(Object.entries(this.vars).map(([k, v]) => [k, v.read()]));
      let out: unknown;
      try {
        const models = Object.fromEntries(Object.entries(this.held ?? {}).map(([k, m]) => [k, callOnly(m)]));
        out = fn(x, { tf: opsOnly(tf), weights, params: { ...this.params }, models, training: kwargs.training ?? false, mask: kwargs.mask ?? null });
      } catch (e) {
        throw new CustomCodeError(def.className, `call threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!(out instanceof tf.Tensor) && !(Array.isArray(out) && out.every((t) => t instanceof tf.Tensor)))
        throw new CustomCodeError(def.className, `call must return a tensor, got ${out === null ? 'null' : typeof out}`);
      return out as tfNs.Tensor | tfNs.Tensor[];
    }

    getConfig(): tfNs.serialization.ConfigDict {
      return { ...super.getConfig(), ...(this.params as tfNs.serialization.ConfigDict) };
    }
  }
  tf.serialization.registerClass(CustomLayer as never);
  classes.set(def.className, { source, cls: CustomLayer as never });
  return CustomLayer as never;
}

const INIT_FACTORY = {
  glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal', he_uniform: 'heUniform', he_normal: 'heNormal',
  lecun_uniform: 'leCunUniform', lecun_normal: 'leCunNormal', zeros: 'zeros', ones: 'ones', random_normal: 'randomNormal',
  random_uniform: 'randomUniform', truncated_normal: 'truncatedNormal', orthogonal: 'orthogonal',
} as const;

/** The CustomRuntime the worker hands to kindsFor(): builds the layer or says why not. */
export function tfjsCustomRuntime(def: CustomLayerDef, config: Record<string, unknown>, tf: Tf, models: Record<string, TfModel> = {}): TfLayer | { unsupported: string } {
  const cls = customLayerClass(def, tf);
  return typeof cls === 'string' ? { unsupported: cls } : new cls(config, models);
}

/** A runtime that builds only the classes the user approved for this project; others are refused with a reason. */
export function approvedRuntime(approved: readonly string[]) {
  const ok = new Set(approved);
  return (def: CustomLayerDef, config: Record<string, unknown>, tf: Tf, models: Record<string, TfModel>): TfLayer | { unsupported: string } =>
    ok.has(def.className) ? tfjsCustomRuntime(def, config, tf, models) : { unsupported: `${def.className} runs custom code that is not approved for this project` };
}

/**
 * Run `call` once on zeros of the given input shape (None → 1) to learn the output shape, for
 * definitions without an output shape expression. Worker-only, like everything here.
 */
export function probeOutputShape(def: CustomLayerDef, input: readonly (number | null)[], params: Record<string, unknown>, tf: Tf): { ok: true; output: (number | null)[] } | { ok: false; message: string } {
  const cls = customLayerClass(def, tf);
  if (typeof cls === 'string') return { ok: false, message: cls };
  try {
    let shape: number[] | string = [];
    tf.tidy(() => {
      const layer = new cls({ ...params, name: `probe_${def.className}` });
      const out = layer.apply(tf.zeros(input.map((d) => d ?? 1))) as tfNs.Tensor | tfNs.Tensor[];
      shape = Array.isArray(out) ? `${def.className}: call returned ${out.length} tensors; one output is supported` : out.shape;
      layer.dispose();
    });
    if (typeof shape === 'string') return { ok: false, message: shape };
    // The batch dimension stays as the input had it (None when unknown).
    return { ok: true, output: [input[0], ...(shape as number[]).slice(1)] };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
