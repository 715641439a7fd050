/**
 * The Keras model.summary() text of the active model, live (from the engine's summary). The
 * right panel widens to the text while it is shown (up to a cap, past which it scrolls), so a
 * multi-input model's "Connected to" column reads whole — unless the user sized the panel.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
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
  const pre = useRef<HTMLPreElement>(null);
  useLayoutEffect(() => {
    const el = pre.current;
    const panel = el?.closest('.lf-right');
    if (!el || !panel || document.documentElement.dataset.rightSized) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    const textWidth = range.getBoundingClientRect().width;
    const pad = parseFloat(getComputedStyle(el).paddingLeft) + parseFloat(getComputedStyle(el).paddingRight);
    const need = Math.ceil(panel.getBoundingClientRect().width + textWidth - (el.clientWidth - pad)) + 1;
    document.documentElement.style.setProperty('--summary-width', `${need}px`);
  }, [text]);
  useLayoutEffect(() => () => void document.documentElement.style.removeProperty('--summary-width'), []);
  return (
    <div className="lf-summary">
      <button className="lf-copy" onClick={() => void navigator.clipboard?.writeText(text)} title={t('editor.summary.copy')}>
        {t('editor.summary.copy')}
      </button>
      <pre ref={pre} data-testid="summary">{text}</pre>
      <CostTable doc={doc} modelId={modelId} analysis={analysis} />
      <DiffPanel doc={doc} modelId={modelId} analysis={analysis} />
    </div>
  );
}
