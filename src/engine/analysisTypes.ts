/** What `analyze(doc)` returns: everything the canvas, summary, compile and export read. */
import type { Issue } from './issues';
import type { EdgeId, LayerId, ModelId, NodeId, Port } from './doc';
import type { Shape } from './shape';

export interface ParamTotals {
  trainable: number;
  nonTrainable: number;
}

export interface NodeInfo {
  /** Shapes arriving at each input port (undefined where unconnected or unknown). */
  inputShapes: (Shape | undefined)[];
  /** One shape per output port; empty when inference failed. */
  outputShapes: Shape[];
  /** Params of the called layer (or nested model) — counted once per layer, not per call. */
  params: ParamTotals;
  /** How many output ports the node shows (known from params even when shapes are not). */
  outputCount: number;
  /** Number of input ports to show: connected ports + one free port while the kind takes more. */
  inputPorts: number;
  /** Other call sites of the same layer or model (shared calls), in any model. */
  sharedWith: { modelId: ModelId; nodeId: NodeId }[];
  issues: Issue[];
}

export interface ModelAnalysis {
  id: ModelId;
  /** Topological order of the nodes that take part (cycles excluded). */
  order: NodeId[];
  nodes: Record<NodeId, NodeInfo>;
  /** The shape each edge carries, when known. */
  edges: Record<EdgeId, Shape | undefined>;
  inputs: NodeId[];
  outputs: Port[];
  /** Totals over the distinct layers (and nested models) the model uses, as Keras counts. */
  totals: ParamTotals;
  /** Distinct layers of this model (direct calls), in call order, for the summary. */
  layers: LayerId[];
  issues: Issue[];
}

/** Project-wide facts of one layer (a layer can be called in several models). */
export interface LayerInfo {
  /** Params of the layer's weights, built by its first call (trainable=false moves them to nonTrainable). */
  params: ParamTotals;
  /** Input shapes of the call that built the weights; null while no call has known shapes. */
  buildShapes: Shape[] | null;
  /** Every call site: models in key order, nodes in topological order. */
  calls: { modelId: ModelId; nodeId: NodeId }[];
}

export interface Analysis {
  models: Record<ModelId, ModelAnalysis>;
  layers: Record<LayerId, LayerInfo>;
  /** Every issue of the project, models' included. */
  issues: Issue[];
}
