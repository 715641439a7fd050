/** The projects list: open, rename, duplicate, delete, new. */
import { useEffect, useState } from 'react';
import { getLang, t } from '../i18n';
import { Dialog } from './Dialog';
import type { ProjectMeta } from './library';
import { deleteProject, duplicateProject, library, newProject, openProject, renameProject, useSession } from './session';

export function ProjectsDialog({ onClose }: { onClose(): void }) {
  const { currentId, revision } = useSession();
  const [projects, setProjects] = useState<ProjectMeta[] | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    library.list().then((list) => live && setProjects(list));
    return () => {
      live = false;
    };
  }, [revision]);

  const locale = getLang() === 'zh' ? 'zh-CN' : 'en';
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Dialog title={t('projects.dialog.title')} onClose={onClose} wide testId="projects-dialog">
      <div className="pm-row pm-space">
        <p className="pm-muted">{t('projects.dialog.intro')}</p>
        <button type="button" className="pm-button pm-primary" onClick={() => newProject().then(onClose)}>
          {t('projects.new')}
        </button>
      </div>
      <ul className="pm-list">
        {projects?.map((p) => (
          <li key={p.id} className={p.id === currentId ? 'pm-current' : undefined} data-testid="project-row">
            {renaming === p.id ? (
              <RenameField
                name={p.name}
                onDone={(name) => {
                  setRenaming(null);
                  if (name !== null) void renameProject(p.id, name);
                }}
              />
            ) : (
              <button type="button" className="pm-list-main" onClick={() => openProject(p.id).then(onClose)} title={t('projects.dialog.open')}>
                <span className="pm-list-name">{p.name}</span>
                <span className="pm-muted pm-small">
                  {p.id === currentId && <span className="pm-badge">{t('projects.dialog.current')}</span>}
                  {t('projects.dialog.updated', { when: when(p.updatedAt) })}
                </span>
              </button>
            )}
            {confirming === p.id ? (
              <span className="pm-row pm-confirm" role="alert">
                <span>{t('projects.dialog.confirmDelete', { name: p.name })}</span>
                <button type="button" className="pm-button pm-danger" onClick={() => (setConfirming(null), void deleteProject(p.id))}>
                  {t('projects.dialog.delete')}
                </button>
                <button type="button" className="pm-button" onClick={() => setConfirming(null)}>
                  {t('projects.cancel')}
                </button>
              </span>
            ) : (
              <span className="pm-row pm-actions">
                <button type="button" className="pm-button" onClick={() => setRenaming(p.id)}>
                  {t('projects.dialog.rename')}
                </button>
                <button type="button" className="pm-button" onClick={() => void duplicateProject(p.id, p.name)}>
                  {t('projects.dialog.duplicate')}
                </button>
                <button type="button" className="pm-button" onClick={() => setConfirming(p.id)}>
                  {t('projects.dialog.delete')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {projects?.length === 0 && <p className="pm-muted">{t('projects.dialog.empty')}</p>}
    </Dialog>
  );
}

/** Enter saves, Escape cancels (without closing the dialog). */
function RenameField({ name, onDone }: { name: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(name);
  return (
    <form
      className="pm-row pm-list-main"
      onSubmit={(e) => {
        e.preventDefault();
        onDone(value);
      }}
    >
      <input
        autoFocus
        aria-label={t('projects.dialog.newName')}
        value={value}
        maxLength={500}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone(null);
          }
        }}
      />
      <button type="submit" className="pm-button pm-primary">
        {t('projects.dialog.save')}
      </button>
    </form>
  );
}
