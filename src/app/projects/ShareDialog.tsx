/** Shows the share link of the open project, ready to copy. */
import { useMemo, useState } from 'react';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { Dialog } from './Dialog';
import { encodeShareHash } from './shareLink';

export function ShareDialog({ onClose }: { onClose(): void }) {
  const doc = useDocument((s) => s.doc);
  const r = useMemo(() => encodeShareHash(doc), [doc]);
  const [copied, setCopied] = useState(false);
  const link = r.ok ? `${location.origin}${location.pathname}${r.value}` : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions): the link is selected for a manual copy instead.
      document.querySelector<HTMLInputElement>('.pm-share-link')?.select();
    }
  };
  return (
    <Dialog title={t('projects.share.title')} onClose={onClose} testId="share-dialog">
      {r.ok ? (
        <>
          <p className="pm-muted">{t('projects.share.intro')}</p>
          <div className="pm-row">
            <input className="pm-share-link" readOnly value={link} aria-label={t('projects.share.title')} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="pm-button pm-primary" onClick={copy}>
              {copied ? t('projects.share.copied') : t('projects.share.copy')}
            </button>
          </div>
          <p className="pm-muted pm-small">{t('projects.share.size', { chars: link.length })}</p>
        </>
      ) : (
        <p className="pm-error" role="alert">
          {t(r.problem.key, r.problem.vars)}
        </p>
      )}
    </Dialog>
  );
}
