/** Small immutable helpers shared by the edit transforms. */
import type { ModelDef, ModelId, ProjectDoc } from '../doc';

/** Replace one model; returns `doc` itself when `fn` returns the same model (no undo step). */
export function withModel(doc: ProjectDoc, modelId: ModelId, fn: (m: ModelDef) => ModelDef): ProjectDoc {
  const m = doc.models[modelId];
  if (!m) return doc;
  const next = fn(m);
  return next === m ? doc : { ...doc, models: { ...doc.models, [modelId]: next } };
}

/** Drop layers no call refers to any more (deleting the last call of a layer deletes the layer). */
export function dropUnusedLayers(doc: ProjectDoc): ProjectDoc {
  const used = new Set<string>();
  for (const m of Object.values(doc.models)) for (const n of m.nodes) if ('layer' in n.call) used.add(n.call.layer);
  const unused = Object.keys(doc.layers).filter((id) => !used.has(id));
  if (!unused.length) return doc;
  const layers = { ...doc.layers };
  for (const id of unused) delete layers[id];
  return { ...doc, layers };
}

/** Models that (directly or through others) call `modelId`, plus itself: dropping one of them into `modelId` would recurse. */
export function modelsCalling(doc: ProjectDoc, modelId: ModelId): Set<ModelId> {
  const out = new Set<ModelId>([modelId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of Object.values(doc.models)) {
      if (out.has(m.id)) continue;
      if (m.nodes.some((n) => 'model' in n.call && out.has(n.call.model))) {
        out.add(m.id);
        grew = true;
      }
    }
  }
  return out;
}
