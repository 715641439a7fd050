/**
 * One line under the canvas: the latest message (a refused connection, a failed make-model) and
 * model totals. A message lasts until the next edit of the document, or SHOW_MS.
 */
import { useEffect, useState } from 'react';
import { useEditor } from '../store/editor';
import { useAnalysis } from '../store/analysis';
import { useDocument } from '../store/document';
import { t, useLang } from '../i18n';

const SHOW_MS = 8000;

export function StatusBar() {
  useLang();
  const status = useEditor((s) => s.status);
  const modelId = useDocument((s) => s.activeModel);
  const totals = useAnalysis().models[modelId]?.totals;
  const [, tick] = useState(0);
  useEffect(() => useDocument.subscribe((s, prev) => {
    if (s.doc !== prev.doc && useEditor.getState().status) useEditor.setState({ status: null });
  }), []);
  useEffect(() => {
    if (!status) return;
    const id = setTimeout(() => tick((n) => n + 1), SHOW_MS);
    return () => clearTimeout(id);
  }, [status]);
  const live = status && Date.now() - status.at < SHOW_MS ? status : null;
  return (
    <div className="lf-status">
      <span className={`lf-status-msg ${live?.kind ?? ''}`} data-testid="status">{live?.text ?? ''}</span>
      {totals && (
        <span className="lf-status-totals" data-testid="status-totals">
          {t('editor.status.totals', { n: (totals.trainable + totals.nonTrainable).toLocaleString('en-US') })}
        </span>
      )}
    </div>
  );
}
