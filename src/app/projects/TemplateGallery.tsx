/** The templates gallery: every seed example as a card with its model totals; one click opens it. */
import { useMemo } from 'react';
import { analyze } from '../../engine/analyze';
import { TEMPLATES } from '../../templates';
import { t, useLang } from '../i18n';
import { Dialog } from './Dialog';
import { openAsNewProject } from './session';

interface Card {
  name: string;
  title: string;
  description: string;
  model: string;
  models: number;
  layers: number;
  total: number;
  trainable: number;
}

/** The catalogue's text for a template, else the template's own (English) text. */
function translated(key: string, fallback: string) {
  const s = t(key);
  return s === key ? fallback : s;
}

function cards(): Card[] {
  return Object.entries(TEMPLATES).map(([name, tpl]) => {
    const doc = tpl.build();
    const main = analyze(doc).models[doc.main];
    const totals = main?.totals ?? { trainable: 0, nonTrainable: 0 };
    return {
      name,
      title: translated(`projects.tpl.${name}.title`, tpl.title),
      description: translated(`projects.tpl.${name}.description`, tpl.description),
      model: doc.models[doc.main].name,
      models: Object.keys(doc.models).length,
      layers: Object.keys(doc.layers).length,
      total: totals.trainable + totals.nonTrainable,
      trainable: totals.trainable,
    };
  });
}

export function TemplateGallery({ onClose }: { onClose(): void }) {
  const lang = useLang();
  // Rebuilt when the language changes: the cards carry translated text.
  const list = useMemo(cards, [lang]);
  const num = (n: number) => n.toLocaleString('en-US');
  return (
    <Dialog title={t('projects.gallery.title')} onClose={onClose} wide testId="template-gallery">
      <p className="pm-muted">{t('projects.gallery.intro')}</p>
      <ul className="pm-cards">
        {list.map((c) => (
          <li key={c.name}>
            <button
              type="button"
              className="pm-card"
              data-template={c.name}
              onClick={() => {
                onClose();
                void openAsNewProject(TEMPLATES[c.name].build());
              }}
            >
              <span className="pm-card-title">{c.title}</span>
              <span className="pm-card-text">{c.description}</span>
              <span className="pm-card-stats">
                <code>{c.model}</code>
                <span className="pm-card-total">{t('projects.gallery.total', { total: num(c.total) })}</span>
                <span className="pm-muted">{t('projects.gallery.size', { models: c.models, layers: c.layers })}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
