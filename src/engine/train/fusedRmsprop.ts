/**
 * tfjs's RMSprop with the update of each variable done by one kernel where the backend has ours
 * (wasm: wasm-kernels/rmsprop.ts) — ~14 kernels and 3 assigns per variable and step otherwise,
 * about a quarter of an MLP's step. Same state (ms, momentum variables), same results;
 * centered RMSprop and other backends take tfjs's own path.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { RMSPROP_UPDATE, type RmspropAttrs } from './wasm-kernels/rmsprop';

type Tf = typeof tfNs;
interface Slot { originalName: string; variable: tfNs.Variable }
/** The RMSPropOptimizer fields the fused update shares with tfjs's own (private in its typings). */
interface State { learningRate: number; decay: number; momentum: number; epsilon: number; centered: boolean; accumulatedMeanSquares: Slot[]; accumulatedMoments: Slot[] }

export function fusedRmsprop(tf: Tf, learningRate: number, decay: number, momentum: number, epsilon: number): tfNs.Optimizer {
  class FusedRMSProp extends tf.RMSPropOptimizer {
    override applyGradients(grads: Parameters<tfNs.RMSPropOptimizer['applyGradients']>[0]): void {
      const st = this as unknown as State;
      if (st.centered || tf.getKernel(RMSPROP_UPDATE, tf.getBackend()) == null) return super.applyGradients(grads);
      const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
      const attrs: RmspropAttrs = { learningRate: st.learningRate, decay: st.decay, momentum: st.momentum, epsilon: st.epsilon };
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        const slot = (suffix: string): Slot => ({ originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) });
        st.accumulatedMeanSquares[i] ??= slot('rms');
        st.accumulatedMoments[i] ??= slot('momentum');
        const grad = Array.isArray(grads) ? grads[i].tensor : grads[name];
        if (grad == null) return;
        const ms = st.accumulatedMeanSquares[i].variable;
        const mom = st.accumulatedMoments[i].variable;
        const [w2, ms2, mom2] = tf.engine().runKernel(RMSPROP_UPDATE, { value, ms, mom, grad }, attrs as unknown as tfNs.NamedAttrMap) as tfNs.Tensor[];
        value.assign(w2);
        ms.assign(ms2);
        mom.assign(mom2);
        tf.dispose([w2, ms2, mom2]);
      });
      (this as unknown as { incrementIterations(): void }).incrementIterations();
    }
  }
  return new FusedRMSProp(learningRate, decay, momentum, epsilon);
}
