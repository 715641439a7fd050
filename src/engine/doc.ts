/**
 * The project document: versioned JSON, the one thing autosave, undo and project files store.
 *
 * A project holds several models over one shared pool of layers, as Keras does: a layer
 * (kind + params; its weights live beside the document, by layer id) can be called at several
 * places, in one model or several (shared layers); a model can be called inside another model
 * (nested models). A model is a graph of *calls*: each node calls a layer or a model; edges
 * connect (node, output index) → (node, input index). A model's inputs are its InputLayer
 * nodes, in node order; its outputs are an explicit ordered list of ports.
 */
import { z } from 'zod';
import type { Params } from '../nodes/params';

export const DOC_VERSION = 1;

export type LayerId = string;
export type ModelId = string;
export type NodeId = string;
export type EdgeId = string;

export interface LayerDef {
  id: LayerId;
  /** Keras class name, a key of the kind map (or a custom layer's name). */
  kind: string;
  /** Keras layer name, unique in the project. */
  name: string;
  params: Params;
  trainable: boolean;
}

export type Call = { layer: LayerId } | { model: ModelId };

export interface CallNode {
  id: NodeId;
  call: Call;
  x: number;
  y: number;
}

export interface Port {
  node: NodeId;
  /** Output index of the node (LSTM return_state: 0 = sequence/output, 1 = h, 2 = c). */
  output: number;
}

export interface Edge {
  id: EdgeId;
  from: Port;
  to: { node: NodeId; input: number };
}

/** What model.compile gets; filled by the training panel. Losses/metrics are allow-listed names. */
export interface CompileConfig {
  optimizer: string;
  learningRate: number;
  /** One loss per output, keyed by output layer name. */
  loss: Record<string, { name: string; fromLogits: boolean; weight: number }>;
  metrics: string[];
}

export interface ModelDef {
  id: ModelId;
  /** Keras model name (mnist_model, encoder, ...). */
  name: string;
  nodes: CallNode[];
  edges: Edge[];
  outputs: Port[];
  compile?: CompileConfig;
}

export interface ProjectDoc {
  version: typeof DOC_VERSION;
  name: string;
  layers: Record<LayerId, LayerDef>;
  models: Record<ModelId, ModelDef>;
  /** The model the CLI and the editor open first. */
  main: ModelId;
  /** Custom layer definitions (issue: custom layers), keyed by class name. */
  custom?: Record<string, unknown>;
}

export const isLayerCall = (c: Call): c is { layer: LayerId } => 'layer' in c;

// ---- Schema: validates a project file before anything trusts it ----

const id = z.string().min(1).max(200);
const portSchema = z.object({ node: id, output: z.number().int().min(0) });
const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const projectSchema = z.object({
  version: z.literal(DOC_VERSION),
  name: z.string().max(500),
  layers: z.record(
    id,
    z.object({ id, kind: z.string().min(1).max(200), name: z.string().min(1).max(500), params: z.record(z.string(), jsonValue), trainable: z.boolean() }),
  ),
  models: z.record(
    id,
    z.object({
      id,
      name: z.string().min(1).max(500),
      nodes: z.array(z.object({ id, call: z.union([z.object({ layer: id }), z.object({ model: id })]), x: z.number(), y: z.number() })),
      edges: z.array(z.object({ id, from: portSchema, to: z.object({ node: id, input: z.number().int().min(0) }) })),
      outputs: z.array(portSchema),
      compile: z
        .object({
          optimizer: z.string(),
          learningRate: z.number(),
          loss: z.record(z.string(), z.object({ name: z.string(), fromLogits: z.boolean(), weight: z.number() })),
          metrics: z.array(z.string()),
        })
        .optional(),
    }),
  ),
  main: id,
  custom: z.record(z.string(), jsonValue).optional(),
});

/** Migrations from older versions: migrations[v] turns a version-v document into v+1. */
const migrations: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Parse a project file (already JSON-parsed). Returns the document or the reasons it is not
 * one; never throws, never returns a half-valid project.
 */
export function parseProject(raw: unknown): { doc: ProjectDoc; errors: [] } | { doc: null; errors: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { doc: null, errors: ['a project file is a JSON object'] };
  let data = raw as Record<string, unknown>;
  let v = typeof data.version === 'number' ? data.version : NaN;
  if (!Number.isInteger(v) || v < 1 || v > DOC_VERSION) return { doc: null, errors: [`unknown project version ${JSON.stringify(data.version)}; this build reads 1 to ${DOC_VERSION}`] };
  while (v < DOC_VERSION) data = migrations[v++](data);
  const r = projectSchema.safeParse(data);
  if (!r.success) return { doc: null, errors: r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const doc = r.data as unknown as ProjectDoc;
  const errors: string[] = [];
  if (!doc.models[doc.main]) errors.push(`main model "${doc.main}" is not among the models`);
  for (const [k, l] of Object.entries(doc.layers)) if (l.id !== k) errors.push(`layer key "${k}" differs from its id "${l.id}"`);
  for (const [k, m] of Object.entries(doc.models)) if (m.id !== k) errors.push(`model key "${k}" differs from its id "${m.id}"`);
  return errors.length ? { doc: null, errors } : { doc, errors: [] };
}

export function emptyProject(name = 'Untitled'): ProjectDoc {
  return { version: DOC_VERSION, name, layers: {}, models: { m1: { id: 'm1', name: 'model', nodes: [], edges: [], outputs: [] } }, main: 'm1' };
}
