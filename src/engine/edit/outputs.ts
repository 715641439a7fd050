/** Model outputs: any node output can be marked (feature extraction, several outputs). */
import type { ModelId, Port, ProjectDoc } from '../doc';
import { withModel } from './model';

export const isOutput = (doc: ProjectDoc, modelId: ModelId, p: Port) =>
  !!doc.models[modelId]?.outputs.some((o) => o.node === p.node && o.output === p.output);

/** Mark `port` as the model's next output, or unmark it when it already is one. */
export function toggleOutput(doc: ProjectDoc, modelId: ModelId, port: Port): ProjectDoc {
  return withModel(doc, modelId, (m) => {
    if (!m.nodes.some((n) => n.id === port.node)) return m;
    const has = m.outputs.some((o) => o.node === port.node && o.output === port.output);
    return {
      ...m,
      outputs: has ? m.outputs.filter((o) => !(o.node === port.node && o.output === port.output)) : [...m.outputs, { node: port.node, output: port.output }],
    };
  });
}
