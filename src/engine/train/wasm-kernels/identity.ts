import type * as tfjs from '@tensorflow/tfjs';

type Info = tfjs.TensorInfo;

/**
 * Identity on wasm without a copy: the output shares x's data, counted once more (as wasm's
 * own Reshape does). tfjs-backend-wasm 4.22 copies every element, and tfjs runs Identity for each
 * tensor a gradient saves (tf.clone): three [64, 28, 28, 64] copies per toy-ResNet step. Sharing is
 * safe because no kernel writes into its inputs and Variable.assign swaps data instead of writing.
 * Strings keep the backend's own kernel.
 */
export function makeSharedIdentity(_tf: typeof tfjs, backendName: string, original?: tfjs.KernelConfig): tfjs.KernelFunc {
  if (original == null) throw new Error(`${backendName} has no Identity kernel to wrap`);
  return (args) => {
    const { x } = args.inputs as { x: Info };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
