/** The Keras model.summary() text of the active model, live (from the engine's summary). */
import { useMemo } from 'react';
import { useDocument } from '../store/document';
import { useAnalysis } from '../store/analysis';
import { kindsOf } from '../store/kinds';
import { summary } from '../../engine/summary';
import { t, useLang } from '../i18n';
import { CostTable } from './CostTable';
import { DiffPanel } from '../diff/DiffPanel';

export function SummaryPanel() {
  useLang();
  const doc = useDocument((s) => s.doc);
  const modelId = useDocument((s) => s.activeModel);
  const analysis = useAnalysis();
  // Positions do not change the summary: recompute only when the analysis or the layers do.
  const text = useMemo(() => summary(doc, modelId, analysis, kindsOf(doc)), [analysis, doc.layers, doc.models[modelId]?.name, modelId]);
  return (
    <div className="lf-summary">
      <button className="lf-copy" onClick={() => void navigator.clipboard?.writeText(text)} title={t('editor.summary.copy')}>
        {t('editor.summary.copy')}
      </button>
      <pre data-testid="summary">{text}</pre>
      <CostTable doc={doc} modelId={modelId} analysis={analysis} />
      <DiffPanel doc={doc} modelId={modelId} analysis={analysis} />
    </div>
  );
}
