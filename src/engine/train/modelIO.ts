/** What a compiled tfjs model takes and gives, by Keras name: the contract datasets must meet. */
import type * as tfNs from '@tensorflow/tfjs';
import type { OutputSpec } from './compileSpec';

export interface InputSpec {
  name: string;
  /** With the batch dim (null). */
  shape: (number | null)[];
  /** Integer ids expected: an int32 Input, or an Input that feeds an Embedding. */
  ints: boolean;
  /** Embedding vocabulary size: ids must lie in [0, vocab). */
  vocab?: number;
}

export interface ModelIO {
  inputs: InputSpec[];
  outputs: OutputSpec[];
}

export function modelIO(model: tfNs.LayersModel): ModelIO {
  const inputs = model.inputs.map((sym, i): InputSpec => {
    const layer = model.inputLayers[i];
    let vocab: number | undefined;
    for (const node of layer.outboundNodes) {
      const consumer = node.outboundLayer;
      if (consumer.getClassName() === 'Embedding') {
        const dim = (consumer.getConfig() as { inputDim?: number }).inputDim;
        if (typeof dim === 'number') vocab = Math.min(vocab ?? dim, dim);
      }
    }
    return { name: model.inputNames[i], shape: [...sym.shape], ints: sym.dtype === 'int32' || vocab !== undefined, vocab };
  });
  const outputs = model.outputs.map((sym, i): OutputSpec => ({ name: model.outputNames[i], shape: [...sym.shape] }));
  return { inputs, outputs };
}
