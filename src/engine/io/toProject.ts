/**
 * A checked Keras graph → a ProjectDoc: every layer once in the pool, every call a node,
 * nested models as their own models called by the outer one. Names stay Keras names; a name
 * that repeats across nested models is made unique (and reported).
 */
import { ProjectBuilder, type LayerHandle, type Sym } from '../build';
import type { LayerId, ModelId, ProjectDoc } from '../doc';
import { uniqueName } from '../names';
import { KINDS, type KindMap } from '../../nodes';
import type { CustomLayerDef } from '../custom/definition';
import { customKind } from '../custom/kind';
import { outputCount } from '../../nodes/kind';
import { checkGraph } from './graphCheck';
import { refuse, type KLayer, type KModel } from './kerasGraph';
import { readInputLayer, readLayer } from './layerParams';

export interface ImportedGraph {
  doc: ProjectDoc;
  /** Layer id for each (file model path, Keras layer name); paths are model names joined by "/". */
  layerIds: Map<string, LayerId>;
  /** Keras name of each layer id as it was in the file (before any renaming). */
  fileNames: Map<LayerId, string>;
  /** Layer ids of each model, by model id (for weight lookup through nested prefixes). */
  modelPath: Map<ModelId, string>;
}

/** `custom`: the project's custom definitions; file layers of those classes become them (built-in kinds win a name). */
export function toProject(top: KModel, projectName: string, warnings: string[], custom: Readonly<Record<string, CustomLayerDef>> = {}): ImportedGraph {
  const b = new ProjectBuilder(projectName);
  const kinds: KindMap = { ...Object.fromEntries(Object.values(custom).map((d) => [d.className, customKind(d)])), ...KINDS };
  const used = new Set<string>();
  const taken = new Set<string>();
  const layerIds = new Map<string, LayerId>();
  const fileNames = new Map<LayerId, string>();
  const modelPath = new Map<ModelId, string>();
  const takeName = (n: string, where: string) => {
    const u = uniqueName(n, taken);
    if (u !== n) warnings.push(`${where}: the layer name "${n}" repeats in a nested model; renamed to "${u}"`);
    taken.add(u);
    return u;
  };

  /** Builds one model (nested ones first); returns its id and output count. */
  const build = (m: KModel, path: string, frozen: boolean): { id: ModelId; outputs: number } => {
    const checked = checkGraph(m, path);
    const frozenHere = frozen || !m.trainable;
    const nested = new Map<number, { id: ModelId; outputs: number }>();
    m.layers.forEach((l, i) => {
      if (l.model) nested.set(i, build(l.model, `${path}/${l.name}`, frozenHere));
    });
    const handles = new Map<number, LayerHandle>();
    const outCount = new Map<number, number>();
    m.layers.forEach((l, i) => {
      if (l.model) {
        outCount.set(i, nested.get(i)!.outputs);
        return;
      }
      const read = l.className === 'InputLayer' ? readInputLayer(l.name, l.config, path) : readLayer(l.className, l.name, l.config, path, warnings, kinds);
      if (!Object.hasOwn(KINDS, read.kind) && !used.has(read.kind)) {
        const held = custom[read.kind].models?.[0];
        if (held) refuse(`${path}: layer "${l.name}" is a ${read.kind}, which holds the model "${held.model}"; a Keras file does not describe that model (its config has only the layer's params), so it is not imported`);
        used.add(read.kind);
        b.defineCustom(custom[read.kind]);
      }
      const h = b.layer(read.kind, read.params as Record<string, unknown>, takeName(l.name, path), read.kind === 'InputLayer' || (read.trainable && !frozenHere));
      handles.set(i, h);
      layerIds.set(`${path}\u0000${l.name}`, h.id);
      fileNames.set(h.id, l.name);
      outCount.set(i, outputCount(kinds[read.kind], read.params));
    });
    const syms = new Map<string, Sym>();
    const symOf = (layer: number, call: number, tensor: number, what: string): Sym => {
      const s = syms.get(`${layer}:${call}`)!;
      const n = outCount.get(layer)!;
      if (tensor >= n) refuse(`${path}: ${what} takes output ${tensor} of "${m.layers[layer].name}", which has ${n} output(s)`);
      return tensor === 0 ? s : b.out(s, tensor);
    };
    for (const { layer, call } of checked.order) {
      const l: KLayer = m.layers[layer];
      const args = l.className === 'InputLayer' ? [] : l.calls[call].map((r) => symOf(checked.index.get(r.layer)!, r.node, r.tensor, `"${l.name}"`));
      const s = l.model ? b.callModel(nested.get(layer)!.id, ...args) : handles.get(layer)!.call(...args);
      syms.set(`${layer}:${call}`, s);
    }
    const ref = (r: KModel['inputs'][number], what: string) => symOf(checked.index.get(r.layer)!, r.node, r.tensor, what);
    const id = b.model(m.name, m.inputs.map((r) => ref(r, 'the model input')), m.outputs.map((r) => ref(r, 'the model output')));
    modelPath.set(id, path);
    return { id, outputs: m.outputs.length };
  };

  const main = build(top, top.name, false);
  return { doc: b.build(main.id), layerIds, fileNames, modelPath };
}
