/**
 * The projects corner of the top bar: the project menu (new, projects list, open/save file,
 * share link, image export), the templates gallery, the theme and the language. Mounting it
 * starts the projects session (restore + autosave).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { LANGS, setLang, t, useLang, type Lang } from '../i18n';
import { useDocument } from '../store/document';
import { downloadBlob } from './download';
import { exportGraphImage, type ImageFormat } from './imageExport';
import { notify } from './notices';
import { projectFileName, readProjectText, serializeProject } from './projectFile';
import { ProjectsDialog } from './ProjectsDialog';
import { newProject, openAsNewProject, startSession } from './session';
import { ShareDialog } from './ShareDialog';
import { TemplateGallery } from './TemplateGallery';
import { applyTheme, setTheme, useTheme } from './theme';
import { Toasts } from './Toasts';
import './projects.css';

type Open = null | 'menu' | 'projects' | 'templates' | 'share';
const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };

async function openFile(file: File) {
  const r = readProjectText(await file.text(), file.name);
  if (!r.ok) return notify(r.problem);
  await openAsNewProject(r.value);
  notify({ key: 'projects.file.opened', vars: { file: file.name } }, 'info');
}

function saveFile() {
  const doc = useDocument.getState().doc;
  const file = projectFileName(doc.name);
  downloadBlob(new Blob([serializeProject(doc)], { type: 'application/json' }), file);
}

async function exportImage(format: ImageFormat, shapes: boolean) {
  const doc = useDocument.getState().doc;
  const model = doc.models[useDocument.getState().activeModel]?.name ?? 'model';
  try {
    if (!(await exportGraphImage(format, shapes, projectFileName(`${doc.name}-${model}`).replace(/\.layerflow\.json$/, '')))) notify({ key: 'projects.image.empty' });
  } catch (e) {
    notify({ key: 'projects.image.failed', vars: { detail: (e as Error).message ?? String(e) } });
  }
}

export function ProjectMenu() {
  const lang = useLang();
  const theme = useTheme();
  const name = useDocument((s) => s.doc.name);
  const [open, setOpen] = useState<Open>(null);
  const [shapes, setShapes] = useState(true);
  const fileInput = useRef<HTMLInputElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(applyTheme, []);
  useEffect(() => void startSession(), []);

  // The dropdown closes on a click elsewhere or Escape.
  useEffect(() => {
    if (open !== 'menu') return;
    const away = (e: PointerEvent) => !menuRef.current?.contains(e.target as Node) && setOpen(null);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(null);
    addEventListener('pointerdown', away);
    addEventListener('keydown', esc);
    return () => {
      removeEventListener('pointerdown', away);
      removeEventListener('keydown', esc);
    };
  }, [open]);

  const item = (label: string, action: () => void, testId?: string) => (
    <button
      type="button"
      role="menuitem"
      className="pm-menu-item"
      data-testid={testId}
      onClick={() => {
        setOpen(null);
        action();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="pm-bar">
      <div className="pm-menu" ref={menuRef}>
        <button
          type="button"
          className="pm-button pm-menu-button"
          aria-haspopup="menu"
          aria-expanded={open === 'menu'}
          title={t('projects.menu.hint')}
          data-testid="project-menu"
          onClick={() => setOpen(open === 'menu' ? null : 'menu')}
        >
          <span className="pm-project-name">{name}</span>
          <span aria-hidden>▾</span>
        </button>
        {open === 'menu' && (
          <div className="pm-menu-pop" role="menu" aria-label={t('projects.menu')}>
            {item(t('projects.new'), () => void newProject(), 'menu-new')}
            {item(t('projects.manage'), () => setOpen('projects'), 'menu-projects')}
            <hr />
            {item(t('projects.openFile'), () => fileInput.current?.click(), 'menu-open-file')}
            {item(t('projects.saveFile'), saveFile, 'menu-save-file')}
            {item(t('projects.share'), () => setOpen('share'), 'menu-share')}
            <hr />
            {item(t('projects.exportPng'), () => void exportImage('png', shapes), 'menu-export-png')}
            {item(t('projects.exportSvg'), () => void exportImage('svg', shapes), 'menu-export-svg')}
            <label className="pm-menu-item pm-check">
              <input type="checkbox" checked={shapes} onChange={(e) => setShapes(e.target.checked)} data-testid="menu-image-shapes" />
              {t('projects.imageShapes')}
            </label>
          </div>
        )}
      </div>
      <button type="button" className="pm-button" data-testid="open-templates" onClick={() => setOpen('templates')}>
        {t('projects.templates')}
      </button>
      <button
        type="button"
        className="pm-icon-button pm-theme"
        data-testid="theme-toggle"
        aria-label={theme === 'dark' ? t('projects.theme.toLight') : t('projects.theme.toDark')}
        title={theme === 'dark' ? t('projects.theme.toLight') : t('projects.theme.toDark')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <select className="pm-select" aria-label={t('projects.language')} title={t('projects.language')} data-testid="language" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="open-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openFile(f);
        }}
      />
      {open === 'projects' && <ProjectsDialog onClose={() => setOpen(null)} />}
      {open === 'templates' && <TemplateGallery onClose={() => setOpen(null)} />}
      {open === 'share' && <ShareDialog onClose={() => setOpen(null)} />}
      <Toasts />
    </div>
  );
}
