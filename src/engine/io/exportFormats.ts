/**
 * One entry point for every export format, shared by the app's export menu and the CLI:
 * files (name + bytes) or Issues. Weights: the project's trained ones when given, else the
 * initial weights tfjs draws when it builds the model.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { analyze, issuesFor } from '../analyze';
import { compile, readWeights } from '../compile';
import type { ModelId, ProjectDoc } from '../doc';
import { issue, type Issue } from '../issues';
import type { WeightSet } from '../weights';
import { KINDS } from '../../nodes';
import { customDefs, kindsFor } from '../custom/kind';
import { declaredWeightsRuntime } from './customWeights';
import { writeKerasFile } from './kerasFile';
import { kerasModelObject, type KerasForm } from './kerasJson';
import { pythonScript } from './python';
import { exportTfjs, type ExportFile } from './tfjsModel';

export type ExportFormat = 'tfjs' | 'keras3' | 'keras2' | 'keras' | 'python';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['tfjs', 'keras3', 'keras2', 'keras', 'python'];

const enc = (s: string) => new TextEncoder().encode(s);
const fileStem = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'model';

/**
 * What a format cannot hold. Custom layers export as Keras writes them (loaded with
 * custom_objects); one that holds a project model gets only its own params in get_config, as
 * the seed's CustomRNN does, so the loader must build the held model first (the Python export
 * does) — Keras 3 does that, tfjs cannot (its deserializer gives the class no model), so the
 * tfjs and legacy (tfjs + Keras) forms refuse such layers.
 */
export function formatBlockers(doc: ProjectDoc, modelId: ModelId, format: Exclude<ExportFormat, 'python'>): Issue[] {
  const a = analyze(doc);
  const defs = customDefs(doc);
  const out: Issue[] = [];
  const seen = new Set<string>();
  const visit = (id: ModelId) => {
    for (const n of doc.models[id].nodes) {
      if ('model' in n.call) {
        if (!seen.has(n.call.model)) {
          seen.add(n.call.model);
          visit(n.call.model);
        }
        continue;
      }
      const l = doc.layers[n.call.layer];
      const held = defs[l.kind]?.models?.[0];
      if (held && (format === 'tfjs' || format === 'keras2'))
        out.push(issue('unknown-kind', `${l.name} is a custom ${l.kind} layer holding the model "${held.model}": tfjs cannot rebuild it from a file, so the ${format === 'tfjs' ? 'tfjs model' : 'legacy JSON (for tfjs and Keras)'} cannot hold it — export Keras 3 JSON or .keras (load them after building "${held.model}", as the Python export does)`, { layerId: l.id }));
      else if (l.kind === 'Op' && format === 'keras2')
        out.push(issue('unknown-kind', `${l.name} is the operation keras.ops.${String(l.params.op)}: the legacy JSON (for tfjs and Keras) has no form for an operation — export Keras 3 JSON, .keras, tfjs or Python`, { layerId: l.id }));
      else if (!Object.hasOwn(KINDS, l.kind) && !defs[l.kind]) out.push(issue('unknown-kind', `${l.name} is of kind ${l.kind}, which this build does not know`, { layerId: l.id }));
    }
  };
  visit(modelId);
  return [...out, ...issuesFor(doc, a, modelId).filter((i) => i.severity === 'error')];
}

async function weightsFor(doc: ProjectDoc, modelId: ModelId, tf: typeof tfNs, weights?: WeightSet): Promise<{ weights: WeightSet | null; issues: Issue[] }> {
  const built = compile(doc, modelId, tf, { weights, kinds: kindsFor(doc, declaredWeightsRuntime) });
  if (!built.model) return { weights: null, issues: built.issues };
  const w = readWeights(built.layers);
  built.model.dispose();
  return { weights: w, issues: [] };
}

export async function exportModel(
  doc: ProjectDoc, modelId: ModelId, format: ExportFormat, tf: typeof tfNs, opts: { weights?: WeightSet; distribute?: boolean; approvedPython?: readonly string[] } = {},
): Promise<{ files: ExportFile[]; issues: Issue[] }> {
  const name = fileStem(doc.models[modelId].name);
  if (format === 'python') return { files: [{ name: `${name}.py`, bytes: enc(pythonScript(doc, { distribute: opts.distribute, approvedPython: opts.approvedPython }, modelId)) }], issues: [] };
  const blockers = formatBlockers(doc, modelId, format);
  if (blockers.length) return { files: [], issues: blockers };
  if (format === 'tfjs') return exportTfjs(doc, modelId, tf, opts.weights);
  if (format === 'keras3' || format === 'keras2') {
    const form: KerasForm = format === 'keras3' ? 'keras3' : 'legacy';
    return { files: [{ name: `${name}.${format}.json`, bytes: enc(JSON.stringify(kerasModelObject(doc, modelId, form), null, 1)) }], issues: [] };
  }
  const w = await weightsFor(doc, modelId, tf, opts.weights);
  if (!w.weights) return { files: [], issues: w.issues };
  const k = await writeKerasFile(doc, modelId, w.weights);
  return k.bytes ? { files: [{ name: `${name}.keras`, bytes: k.bytes }], issues: [] } : { files: [], issues: k.issues };
}

/** Several files as one download. */
export const zipFiles = (files: readonly ExportFile[]): Uint8Array => zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
