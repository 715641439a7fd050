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
import { envOf, type CustomRuntime } from '../custom/kind';
import type { Shape } from '../shape';

const shapesOf = (inputShape: tfNs.Shape | tfNs.Shape[]): Shape[] =>
  (Array.isArray(inputShape[0]) || inputShape.length === 0 ? inputShape : [inputShape]) as Shape[];

export const declaredWeightsRuntime: CustomRuntime = (def: CustomLayerDef, config, tf: Tf, models): TfLayer | { unsupported: string } => {
  const held = Object.values(models);
  class DeclaredLayer extends tf.layers.Layer {
    static className = def.className;
    readonly params = Object.fromEntries(def.params.map((p) => [p.name, p.name in config ? config[p.name] : p.default])) as Params;

    // The models the layer holds count as its weights, after its own (as Keras lists a layer's weights).
    get trainableWeights(): tfNs.LayerVariable[] {
      return [...super.trainableWeights, ...held.flatMap((m) => m.trainableWeights)];
    }
    set trainableWeights(v: tfNs.LayerVariable[]) {
      super.trainableWeights = v;
    }
    get nonTrainableWeights(): tfNs.LayerVariable[] {
      return [...super.nonTrainableWeights, ...held.flatMap((m) => m.nonTrainableWeights)];
    }
    set nonTrainableWeights(v: tfNs.LayerVariable[]) {
      super.nonTrainableWeights = v;
    }
    // Held models are compiled anew for each layer that holds them (custom/kind.ts): they go with it.
    protected disposeWeights(): number {
      const own = [...super.trainableWeights, ...super.nonTrainableWeights];
      for (const w of own) w.dispose();
      for (const m of held) m.dispose();
      return own.length;
    }

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
      const shapes = shapesOf(inputShape);
      if (def.outputShape) {
        const r = evalShape(def.outputShape, envOf(shapes, this.params));
        if (r.ok) return [...r.shape];
      } else if (def.probed) return [shapes[0][0], ...def.probed.output.slice(1)];
      throw new Error(`${def.className}: output shape unknown for input ${JSON.stringify(shapes[0])}`);
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
