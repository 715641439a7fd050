/** The keyboard shortcuts, listed from the same table that handles them. */
import { useEditor } from '../store/editor';
import { SHORTCUTS } from './shortcuts';
import { t, useLang } from '../i18n';

export function HelpDialog() {
  useLang();
  const open = useEditor((s) => s.helpOpen);
  if (!open) return null;
  const close = () => useEditor.getState().setHelpOpen(false);
  return (
    <div className="lf-modal-back" onClick={close}>
      <div className="lf-modal" role="dialog" aria-label={t('editor.help.title')} onClick={(e) => e.stopPropagation()} data-testid="help-dialog">
        <h2>{t('editor.help.title')}</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td><kbd>{s.keys}</kbd></td>
                <td>{t(s.label)}</td>
              </tr>
            ))}
            <tr>
              <td><kbd>{t('editor.help.dragKeys')}</kbd></td>
              <td>{t('editor.help.drag')}</td>
            </tr>
            <tr>
              <td><kbd>Shift+{t('editor.help.dragKeys')}</kbd></td>
              <td>{t('editor.help.boxSelect')}</td>
            </tr>
          </tbody>
        </table>
        <button onClick={close}>{t('editor.help.close')}</button>
      </div>
    </div>
  );
}
