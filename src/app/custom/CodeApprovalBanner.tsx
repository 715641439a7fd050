/**
 * Shown while the open project holds custom code the user has not approved here: which
 * layers, and their code, with one button to allow it. Until then the code never runs —
 * the training worker gets only approved class names.
 */
import { useState } from 'react';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { useSession } from '../projects/session';
import { approve, pendingDefs, projectKeyOf, useApprovalVersion } from './approval';
import './custom.css';

export function CodeApprovalBanner() {
  useApprovalVersion();
  const doc = useDocument((s) => s.doc);
  const currentId = useSession((s) => s.currentId);
  const [showCode, setShowCode] = useState(false);
  const key = projectKeyOf(currentId, doc);
  const pending = pendingDefs(doc, key);
  if (!pending.length) return null;
  return (
    <div className="cl-banner" role="alert" data-testid="code-approval-banner">
      <div className="cl-banner-text">
        {t('custom.bannerText', { names: pending.map((d) => d.className).join(', ') })}
      </div>
      <div className="cl-banner-actions">
        <button type="button" onClick={() => setShowCode((v) => !v)}>{showCode ? t('custom.hideCode') : t('custom.showCode')}</button>
        <button type="button" className="cl-primary" data-testid="approve-code" onClick={() => approve(key, pending)}>
          {t('custom.approve')}
        </button>
      </div>
      {showCode && (
        <div className="cl-banner-code">
          {pending.map((d) => (
            <figure key={d.className}>
              <figcaption>{d.className}.call (JavaScript)</figcaption>
              <pre>{d.call}</pre>
              <figcaption>{d.className}.call (Python, {t('custom.pythonExported')})</figcaption>
              <pre>{d.pythonCall}</pre>
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
