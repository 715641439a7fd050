import type * as tfjs from '@tensorflow/tfjs';
import { makeConv2DBackpropFilter } from './conv2dBackpropFilter';
import { makeDepthwiseBackpropFilter, makeDepthwiseBackpropInput } from './depthwiseBackprop';

type Tf = typeof tfjs;
const BACKEND = 'wasm';

/** Gradient kernels tfjs-backend-wasm 4.22 lacks, composed from kernels it has. */
const KERNELS: Record<string, (tf: Tf, backendName: string) => tfjs.KernelFunc> = {
  Conv2DBackpropFilter: makeConv2DBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter: makeDepthwiseBackpropFilter,
  DepthwiseConv2dNativeBackpropInput: makeDepthwiseBackpropInput,
};

const OURS = Symbol.for('layerflow.wasmGradKernel');

/**
 * Registers, for the 'wasm' backend, every kernel of KERNELS that is not registered yet
 * (a later tfjs-backend-wasm that ships its own keeps it). Idempotent: returns the names
 * of the kernels that are ours and in place after the call, on the first call and every
 * later one alike. Call it before or after tf.setBackend('wasm').
 */
export function registerWasmGradKernels(tf: Tf): string[] {
  const ours: string[] = [];
  for (const [kernelName, make] of Object.entries(KERNELS)) {
    const existing = tf.getKernel(kernelName, BACKEND) as (tfjs.KernelConfig & { [OURS]?: true }) | undefined;
    if (existing == null) {
      const config = { kernelName, backendName: BACKEND, kernelFunc: make(tf, BACKEND), [OURS]: true as const };
      tf.registerKernel(config);
      ours.push(kernelName);
    } else if (existing[OURS]) {
      ours.push(kernelName);
    }
  }
  return ours;
}
