import type * as tfjs from '@tensorflow/tfjs';
import { makeConv2D } from './conv2d';
import { makeConv2DBackpropFilter } from './conv2dBackpropFilter';
import { makeConv2DBackpropInput } from './conv2dBackpropInput';
import { makeDepthwiseBackpropFilter, makeDepthwiseBackpropInput } from './depthwiseBackprop';
import { makeSharedIdentity } from './identity';
import { makeUntransposedMatMul } from './matMul';
import { makeMaxPoolGrad } from './maxPoolGrad';
import { makeRmspropUpdate, RMSPROP_UPDATE } from './rmsprop';
import { makeLeadingSum } from './sumLeading';
import { bilinear, makeResizeGrad, nearest } from './resizeGrad';

type Tf = typeof tfjs;
/** Builds our kernel; `original` is the backend's own kernel of that name, when it has one. */
type Make = (tf: Tf, backendName: string, original?: tfjs.KernelConfig) => tfjs.KernelFunc;

/** Gradient kernels tfjs-backend-wasm 4.22 lacks, composed from kernels it has. */
const MISSING: Record<string, Make> = {
  Conv2DBackpropFilter: makeConv2DBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter: makeDepthwiseBackpropFilter,
  DepthwiseConv2dNativeBackpropInput: makeDepthwiseBackpropInput,
  [RMSPROP_UPDATE]: makeRmspropUpdate, // ours alone: RMSprop's update in one pass (fusedRmsprop.ts)
};

/** Resize gradients both tfjs-backend-wasm and -cpu 4.22 get wrong (see resizeGrad.ts). */
const WRONG_RESIZE: Record<string, Make> = {
  ResizeNearestNeighborGrad: (tf, name) => makeResizeGrad(nearest, tf, name),
  ResizeBilinearGrad: (tf, name) => makeResizeGrad(bilinear, tf, name),
};

/**
 * Kernels tfjs-backend-wasm 4.22 has but gets wrong, or runs ~8× slower than one Conv2D
 * (Conv2DBackpropInput, also Conv2DTranspose's forward pass), or ~10× slower than it could
 * (matmuls with a transposed operand, sums over the leading axes), or repacks a filter that is
 * new at every training step (Conv2D: XNNPACK), or copies for nothing (Identity); ours replace them.
 */
const REPLACE_WASM: Record<string, Make> = {
  BatchMatMul: makeUntransposedMatMul,
  _FusedMatMul: makeUntransposedMatMul,
  Conv2D: makeConv2D,
  Conv2DBackpropInput: makeConv2DBackpropInput,
  MaxPoolGrad: makeMaxPoolGrad,
  Sum: makeLeadingSum,
  Identity: makeSharedIdentity,
  ...WRONG_RESIZE,
};

const OURS = Symbol.for('layerflow.gradKernel');
type Tagged = tfjs.KernelConfig & { [OURS]?: true };

/**
 * Registers for `backendName` the `missing` kernels unless one of that name exists and the
 * `replace` ones in place of the backend's own. Idempotent: returns the names of our kernels in
 * place after the call, on the first call and every later one alike.
 */
function install(tf: Tf, backendName: string, missing: Record<string, Make>, replace: Record<string, Make>): string[] {
  const ours: string[] = [];
  const one = (kernelName: string, make: Make, replace: boolean) => {
    const existing = tf.getKernel(kernelName, backendName) as Tagged | undefined;
    if (existing?.[OURS]) {
      ours.push(kernelName);
      return;
    }
    if (existing != null && !replace) return;
    if (existing != null) tf.unregisterKernel(kernelName, backendName);
    // the replaced kernel's setup (e.g. its wasm function binding) still has to run when the backend starts
    const config: Tagged = {
      kernelName, backendName, kernelFunc: make(tf, backendName, existing),
      setupFunc: existing?.setupFunc, disposeFunc: existing?.disposeFunc, [OURS]: true,
    };
    tf.registerKernel(config);
    ours.push(kernelName);
  };
  for (const [name, make] of Object.entries(missing)) one(name, make, false);
  for (const [name, make] of Object.entries(replace)) one(name, make, true);
  return ours;
}

/**
 * Makes conv models train on the 'wasm' backend: registers the gradient kernels it lacks and
 * replaces the ones it gets wrong or runs slowly. Idempotent; returns the names of our kernels in place.
 * Call it before or after tf.setBackend('wasm').
 */
export function registerWasmGradKernels(tf: Tf): string[] {
  return install(tf, 'wasm', MISSING, REPLACE_WASM);
}

/**
 * Replaces tfjs-backend-cpu 4.22's resize gradients (UpSampling2D): its nearest-neighbour one
 * reads dy at the wrong batch offset for batch > 1 and its bilinear one swaps height and width.
 * Idempotent; returns the names of our kernels in place.
 */
export function registerCpuGradKernels(tf: Tf): string[] {
  return install(tf, 'cpu', {}, WRONG_RESIZE);
}
