/**
 * The comparison the canvas draws: the model it is compared against (another model of this
 * project, a saved project's model or an imported file's). Not part of the document or undo.
 */
import { create } from 'zustand';
import { diffModels, type DiffEntry, type ModelDiff } from '../../engine/diff';
import type { Analysis } from '../../engine/analysisTypes';
import type { ModelId, NodeId, ProjectDoc } from '../../engine/doc';
import { analyze } from '../../engine/analyze';

export interface Baseline {
  /** What the user picked, as shown: "model encoder", "project: My CNN / model", "file model.json". */
  label: string;
  doc: ProjectDoc;
  modelId: ModelId;
}

export const useDiff = create<{ baseline: Baseline | null }>()(() => ({ baseline: null }));
export const compareWith = (baseline: Baseline | null) => useDiff.setState({ baseline });

interface Current {
  analysis: Analysis;
  modelId: ModelId;
  diff: ModelDiff;
  byNode: Map<NodeId, DiffEntry>;
}
const memo = new WeakMap<Baseline, Current>();
const baselineAnalysis = new WeakMap<Baseline, Analysis>();

/** The diff of the open model against the baseline (memoised per analysis), with its entries by node id. */
export function currentDiff(baseline: Baseline | null, doc: ProjectDoc, modelId: ModelId, analysis: Analysis): Current | null {
  if (!baseline) return null;
  const hit = memo.get(baseline);
  if (hit && hit.analysis === analysis && hit.modelId === modelId) return hit;
  let before = baselineAnalysis.get(baseline);
  if (!before) baselineAnalysis.set(baseline, (before = analyze(baseline.doc)));
  const diff = diffModels({ doc: baseline.doc, modelId: baseline.modelId, analysis: before }, { doc, modelId, analysis });
  const byNode = new Map(diff.entries.flatMap((e) => (e.after ? [[e.after.nodeId, e] as const] : [])));
  const entry = { analysis, modelId, diff, byNode };
  memo.set(baseline, entry);
  return entry;
}
