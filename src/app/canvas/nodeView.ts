/**
 * What one canvas node shows, read from the document and the engine's analysis (the canvas
 * computes no shape). Views are plain data compared field by field, so a node whose view did
 * not change keeps its React Flow object and does not re-render.
 */
import type { Analysis, NodeInfo } from '../../engine/analysisTypes';
import type { CallNode, ModelDef, ProjectDoc } from '../../engine/doc';
import type { CallCost } from '../../engine/cost';
import type { DiffEntry } from '../../engine/diff';
import { fmtShape } from '../../engine/shape';
import type { KindMap } from '../../nodes';
import { genericPythonArgs } from '../../nodes/kind';

export interface NodeView {
  title: string;
  kind: string;
  category: string;
  nested: boolean;
  /** Keras-style call arguments: 64, activation="relu". */
  args: string;
  shapes: string[];
  params: number;
  /** FLOPs, output bytes and weight bytes per sample (null: not known). */
  cost: CallCost | null;
  /** While comparing against another model: how this call differs (null: not comparing). */
  diff: DiffEntry | null;
  /** Its layer is frozen (trainable = False). */
  frozen: boolean;
  /** Error messages (the node is red). */
  issues: string[];
  /** Warning messages (amber: e.g. a node that leads to no output). */
  warnings: string[];
  inputPorts: number;
  inputNames: string[];
  outputCount: number;
  /** Output indices marked as model outputs. */
  marked: number[];
  /** Other calls of the same layer/model exist. */
  shared: boolean;
  /** Shares its layer with a selected node. */
  highlighted: boolean;
}

const ARGS_MAX = 44;

export function nodeView(doc: ProjectDoc, kinds: KindMap, model: ModelDef, n: CallNode, info: NodeInfo | undefined, highlighted: boolean, cost: CallCost | null = null, diff: DiffEntry | null = null): NodeView {
  let title: string;
  let kind: string;
  let category = 'custom';
  let args = '';
  let inputNames: string[] = [];
  let nested = false;
  let frozen = false;
  if ('layer' in n.call) {
    const l = doc.layers[n.call.layer];
    const k = l && kinds[l.kind];
    title = l?.name ?? n.call.layer;
    kind = l?.kind ?? '?';
    frozen = !!l && !l.trainable && l.kind !== 'InputLayer';
    if (k && l) {
      category = k.category;
      try {
        args = (k.pythonArgs ? k.pythonArgs(l.params as never) : genericPythonArgs(k, l.params)).join(', ');
      } catch {
        args = ''; // a param the schema refuses: the issue list says which
      }
      inputNames = [...(k.inputs.names ?? [])];
    }
  } else {
    nested = true;
    const m = doc.models[n.call.model];
    title = m?.name ?? n.call.model;
    kind = 'Model';
    category = 'model';
    const inputs = m?.nodes.filter((x) => 'layer' in x.call && doc.layers[x.call.layer]?.kind === 'InputLayer') ?? [];
    inputNames = inputs.map((x) => doc.layers[(x.call as { layer: string }).layer].name);
  }
  if (args.length > ARGS_MAX) args = args.slice(0, ARGS_MAX - 1) + '…';
  return {
    title,
    kind,
    category,
    nested,
    args,
    shapes: info?.outputShapes.map(fmtShape) ?? [],
    params: info ? info.params.trainable + info.params.nonTrainable : 0,
    cost,
    diff,
    frozen,
    issues: info?.issues.filter((i) => i.severity === 'error').map((i) => i.message) ?? [],
    warnings: info?.issues.filter((i) => i.severity !== 'error').map((i) => i.message) ?? [],
    inputPorts: info?.inputPorts ?? 1,
    inputNames,
    outputCount: info?.outputCount ?? 1,
    marked: model.outputs.filter((o) => o.node === n.id).map((o) => o.output),
    shared: (info?.sharedWith.length ?? 0) > 0,
    highlighted,
  };
}

const sameCost = (a: CallCost | null, b: CallCost | null) =>
  a === b || (!!a && !!b && a.flops === b.flops && a.activationBytes === b.activationBytes && a.weightBytes === b.weightBytes);

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function sameView(a: NodeView, b: NodeView): boolean {
  return (
    a.title === b.title && a.kind === b.kind && a.category === b.category && a.nested === b.nested && a.args === b.args &&
    a.params === b.params && sameCost(a.cost, b.cost) && a.diff === b.diff && a.frozen === b.frozen && a.inputPorts === b.inputPorts && a.outputCount === b.outputCount && a.shared === b.shared &&
    a.highlighted === b.highlighted && sameList(a.shapes, b.shapes) && sameList(a.issues, b.issues) && sameList(a.warnings, b.warnings) &&
    sameList(a.inputNames, b.inputNames) && sameList(a.marked, b.marked)
  );
}

/** Nodes sharing a layer (or nested model) with a selected node, the selected ones excluded. */
export function highlightedNodes(analysis: Analysis, modelId: string, selection: readonly string[]): Set<string> {
  const out = new Set<string>();
  const ma = analysis.models[modelId];
  if (!ma) return out;
  for (const id of selection) for (const s of ma.nodes[id]?.sharedWith ?? []) if (s.modelId === modelId) out.add(s.nodeId);
  for (const id of selection) out.delete(id);
  return out;
}
