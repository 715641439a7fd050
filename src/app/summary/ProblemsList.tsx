/**
 * Every Issue of the project — the engine's, plus those the training worker pinned on a node
 * (a custom layer's code failing) — and a click opens the model and selects the node at fault.
 */
import { useAnalysis } from '../store/analysis';
import { useDocument } from '../store/document';
import { useShallow } from 'zustand/react/shallow';
import { flow } from '../canvas/flowRef';
import type { Issue } from '../../engine/issues';
import { t, useLang } from '../i18n';
import { useRun } from '../training/run';

function reveal(i: Issue) {
  const s = useDocument.getState();
  if (i.modelId && i.modelId !== s.activeModel && s.doc.models[i.modelId]) s.setActiveModel(i.modelId);
  const nodeId = i.nodeId;
  if (!nodeId) return;
  useDocument.getState().select([nodeId]);
  requestAnimationFrame(() => flow()?.fitView({ nodes: [{ id: nodeId }], padding: 1.2, maxZoom: 1.2, duration: 200 }));
}

export function ProblemsList() {
  useLang();
  const analysed = useAnalysis().issues;
  const fromRun = useRun((s) => s.issues);
  const pinned = fromRun.filter((i) => i.nodeId);
  const issues = pinned.length ? [...pinned, ...analysed] : analysed;
  const names = useDocument(useShallow((s) => Object.fromEntries(Object.values(s.doc.models).map((m) => [m.id, m.name]))));
  const many = Object.keys(names).length > 1;
  return (
    <div className="lf-problems" data-testid="problems">
      <div className="lf-problems-head">
        {issues.length ? t('editor.problems.count', { n: issues.length }) : t('editor.problems.none')}
      </div>
      {issues.length > 0 && (
        <ul>
          {issues.map((i, k) => (
            <li key={k} className={i.severity} onClick={() => reveal(i)} data-testid="problem">
              <span className="lf-sev">{i.severity === 'error' ? '✕' : '!'}</span>
              {many && i.modelId && <span className="lf-problem-model">{names[i.modelId]}</span>}
              <span>{i.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
