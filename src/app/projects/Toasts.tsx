/** The projects area's messages, bottom centre; errors stay until dismissed. */
import { t, useLang } from '../i18n';
import { useNotices } from './notices';

export function Toasts() {
  useLang();
  const { notices, dismiss } = useNotices();
  if (!notices.length) return null;
  return (
    <div className="pm-toasts">
      {notices.map((n) => (
        <div key={n.id} className={`pm-toast pm-toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <span>{t(n.key, n.vars)}</span>
          <button type="button" className="pm-icon-button" aria-label={t('projects.dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
