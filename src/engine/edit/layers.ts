/** Layer edits: a parameter, the Keras name, trainable. Every call of the layer sees the change. */
import type { LayerId, ModelId, ProjectDoc } from '../doc';
import type { ParamValue } from '../../nodes/params';
import { sameValue } from '../../nodes/params';
import { takenNames } from './ids';

function withLayer(doc: ProjectDoc, id: LayerId, fn: (l: ProjectDoc['layers'][string]) => ProjectDoc['layers'][string]): ProjectDoc {
  const l = doc.layers[id];
  if (!l) return doc;
  const next = fn(l);
  return next === l ? doc : { ...doc, layers: { ...doc.layers, [id]: next } };
}

/** Set one param. The value is stored as given; the engine's analysis reports values the schema refuses. */
export function setParam(doc: ProjectDoc, layerId: LayerId, key: string, value: ParamValue): ProjectDoc {
  return withLayer(doc, layerId, (l) => (sameValue(l.params[key], value) ? l : { ...l, params: { ...l.params, [key]: value } }));
}

export function setTrainable(doc: ProjectDoc, layerId: LayerId, trainable: boolean): ProjectDoc {
  return withLayer(doc, layerId, (l) => (l.trainable === trainable ? l : { ...l, trainable }));
}

/** Why `name` cannot name a layer or model (Keras names are unique in the project), or null. */
export function nameProblem(doc: ProjectDoc, name: string, current?: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(name)) return `"${name}" is not a valid name: use letters, digits, _ . - / and start with a letter or _`;
  if (name !== current && takenNames(doc).has(name)) return `the name "${name}" is already used in this project`;
  return null;
}

/** Rename a layer; refused (doc unchanged) when the name is invalid or taken. */
export function renameLayer(doc: ProjectDoc, layerId: LayerId, name: string): ProjectDoc {
  const l = doc.layers[layerId];
  if (!l || l.name === name || nameProblem(doc, name, l.name)) return doc;
  return withLayer(doc, layerId, () => ({ ...l, name }));
}

export function renameModel(doc: ProjectDoc, modelId: ModelId, name: string): ProjectDoc {
  const m = doc.models[modelId];
  if (!m || m.name === name || nameProblem(doc, name, m.name)) return doc;
  return { ...doc, models: { ...doc.models, [modelId]: { ...m, name } } };
}
