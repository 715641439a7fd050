/**
 * Custom layers in exported files without running their code: a tfjs layer that only declares
 * what the definition declares — its weights (shapes from the definition's expressions, its
 * initializers), its output shape and its config (the params, as get_config writes them). A
 * model built with it yields initial weights and a config to save; calling it is refused. The
 * main thread exports with it; the user's `call` runs only in the worker (custom/tfjsLayer.ts).
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf, TfLayer } from '../../nodes/kind';
import { initializer, type Params } from '../../nodes/params';
import type { CustomLayerDef } from '../custom/definition';
import { evalShape } from '../custom/expr';
import { customKind, envOf, type CustomRuntime } from '../custom/kind';
import type { Shape } from '../shape';

const shapesOf = (inputShape: tfNs.Shape | tfNs.Shape[]): Shape[] =>
  (Array.isArray(inputShape[0]) || inputShape.length === 0 ? inputShape : [inputShape]) as Shape[];

export const declaredWeightsRuntime: CustomRuntime = (def: CustomLayerDef, config, tf: Tf): TfLayer | { unsupported: string } => {
  if (def.models?.length) return { unsupported: `${def.className} holds the model "${def.models[0].model}"; its weights come from that model, built only in the worker` };
  const kind = customKind(def);
  class DeclaredLayer extends tf.layers.Layer {
    static className = def.className;
    readonly params = Object.fromEntries(def.params.map((p) => [p.name, p.name in config ? config[p.name] : p.default])) as Params;

    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const env = envOf(shapesOf(inputShape), this.params);
      for (const w of def.weights) {
        const r = evalShape(w.shape, env);
        if (!r.ok || r.shape.some((d) => d === null)) throw new Error(`${def.className}: cannot size weight ${w.name}`);
        const init = (tf.initializers[initializer(w.initializer).toTfjs(w.initializer) as keyof Tf['initializers']] as (c: object) => Parameters<TfLayer['addWeight']>[3])({});
        this.addWeight(w.name, r.shape as number[], 'float32', init, undefined, w.trainable);
      }
      this.built = true;
    }

    computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]): tfNs.Shape {
      const r = kind.infer(shapesOf(inputShape), this.params);
      if (!r.ok) throw new Error(r.message);
      return [...r.shapes[0]];
    }

    call(): tfNs.Tensor {
      throw new Error(`${def.className} is declared here for export only; its call runs in the training worker`);
    }

    getConfig(): tfNs.serialization.ConfigDict {
      return { ...super.getConfig(), ...(this.params as tfNs.serialization.ConfigDict) };
    }
  }
  return new DeclaredLayer(config as object);
};
