/**
 * Feature extraction (the seed's VGG19 example): a new model over the same layers whose
 * outputs are chosen intermediate tensors — or every layer's output, as
 * `keras.Model(inputs=vgg19.input, outputs=[layer.output for layer in vgg19.layers])`.
 */
import { analyze } from '../analyze';
import type { ModelId, Port, ProjectDoc } from '../doc';
import { uniqueName } from '../names';
import { modelCalls } from './exportGraph';

/** Every output of every call the model's outputs depend on (inputs included), in layer order. */
export function allOutputs(doc: ProjectDoc, modelId: ModelId): Port[] {
  const a = analyze(doc);
  const mc = modelCalls(doc, modelId, a);
  return mc.calls.flatMap((c) => Array.from({ length: Math.max(1, c.outputShapes.length) }, (_, i) => ({ node: c.node, output: i })));
}

/** The project with a new model `<name>_features` calling the same layers, outputs = `ports`; returns its id. */
export function addFeatureModel(doc: ProjectDoc, modelId: ModelId, ports: readonly Port[]): { doc: ProjectDoc; modelId: ModelId } {
  const src = doc.models[modelId];
  let n = 1;
  while (doc.models[`${modelId}f${n}`]) n++;
  const id = `${modelId}f${n}`;
  const nodeId = (old: string) => `${id}:${old}`;
  const names = new Set(Object.values(doc.models).map((m) => m.name));
  const model = {
    id,
    name: uniqueName(`${src.name}_features`, names),
    nodes: src.nodes.map((x) => ({ ...x, id: nodeId(x.id) })),
    edges: src.edges.map((e) => ({ ...e, id: nodeId(e.id), from: { ...e.from, node: nodeId(e.from.node) }, to: { ...e.to, node: nodeId(e.to.node) } })),
    outputs: ports.map((p) => ({ node: nodeId(p.node), output: p.output })),
  };
  return { doc: { ...doc, models: { ...doc.models, [id]: model } }, modelId: id };
}
