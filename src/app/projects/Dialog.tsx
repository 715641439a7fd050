/** A modal dialog on the native <dialog> element (focus trap, Escape and backdrop for free). */
import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../i18n';

export function Dialog(props: { title: string; onClose(): void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`pm-dialog${props.wide ? ' pm-dialog-wide' : ''}`}
      data-testid={props.testId}
      aria-label={props.title}
      onClose={props.onClose}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      // A click on the backdrop lands on the <dialog> itself.
      onClick={(e) => e.target === e.currentTarget && props.onClose()}
    >
      <header className="pm-dialog-head">
        <h2>{props.title}</h2>
        <button type="button" className="pm-icon-button" aria-label={t('projects.close')} title={t('projects.close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      <div className="pm-dialog-body">{props.children}</div>
    </dialog>
  );
}
