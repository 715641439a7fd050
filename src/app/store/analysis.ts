/** The engine's analysis of the current document, computed once per document version. */
import { analyze } from '../../engine/analyze';
import type { Analysis } from '../../engine/analysisTypes';
import type { ProjectDoc } from '../../engine/doc';
import { useDocument } from './document';

let last: { doc: ProjectDoc; analysis: Analysis } | null = null;

export function analysisOf(doc: ProjectDoc): Analysis {
  if (last?.doc !== doc) last = { doc, analysis: analyze(doc) };
  return last.analysis;
}

export const useAnalysis = (): Analysis => analysisOf(useDocument((s) => s.doc));
