/** A modal dialog on the native <dialog> element (focus trap, Escape and backdrop for free). */
import { useEffect, useRef, type ReactNode } from 'react';
import { t } from '../i18n';

export function Dialog(props: { title: string; onClose(): void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  // The editor's shortcuts listen on window: while the modal is open they must not act on the
  // canvas behind it. Keys inside the dialog stop at its element (onKeyDown below); keys with
  // focus outside it (after a focused button went away) are caught here, Escape closing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (ref.current?.contains(e.target as Node)) return;
      e.stopPropagation();
      if (e.key === 'Escape') onClose();
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <dialog
      ref={ref}
      className={`pm-dialog${props.wide ? ' pm-dialog-wide' : ''}`}
      data-testid={props.testId}
      aria-label={props.title}
      onClose={props.onClose}
      onKeyDown={(e) => e.stopPropagation()}
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
