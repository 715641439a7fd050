/**
 * The engine's analysis of the current document, computed once per document *structure*:
 * moving nodes (a drag ends in a document with new positions) keeps layers, edges, outputs and
 * calls as they were, so the previous analysis still holds and nothing downstream recomputes.
 */
import { analyze } from '../../engine/analyze';
import type { FullAnalysis as Analysis } from '../../engine/analyze';
import type { ModelDef, ProjectDoc } from '../../engine/doc';
import { useDocument } from './document';
import { kindsOf } from './kinds';

let last: { doc: ProjectDoc; analysis: Analysis } | null = null;

function sameModelStructure(a: ModelDef, b: ModelDef): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.outputs !== b.outputs || a.name !== b.name || a.compile !== b.compile || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) if (a.nodes[i].id !== b.nodes[i].id || a.nodes[i].call !== b.nodes[i].call) return false;
  return true;
}

/** True when `b` differs from `a` at most in node positions. */
export function sameStructure(a: ProjectDoc, b: ProjectDoc): boolean {
  if (a === b) return true;
  if (a.layers !== b.layers || a.custom !== b.custom || a.main !== b.main) return false;
  const ka = Object.keys(a.models);
  const kb = Object.keys(b.models);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => b.models[k] && sameModelStructure(a.models[k], b.models[k]));
}

export function analysisOf(doc: ProjectDoc): Analysis {
  if (!last || (last.doc !== doc && !sameStructure(last.doc, doc))) last = { doc, analysis: analyze(doc, kindsOf(doc)) };
  else last = { doc, analysis: last.analysis };
  return last.analysis;
}

/** The analysis, re-rendering only when it changes (not when nodes merely move). */
export const useAnalysis = (): Analysis => useDocument((s) => analysisOf(s.doc));
