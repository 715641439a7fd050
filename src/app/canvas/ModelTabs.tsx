/** Tabs over the project's models: switch, add, rename (double-click), delete (not the main one). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDocument } from '../store/document';
import { useEditor } from '../store/editor';
import { deleteModel, newModel, openModel, renameModel } from '../store/actions';
import { nameProblem } from '../../engine/edit';
import { DND_MODEL } from './Canvas';
import { t, useLang } from '../i18n';

export function ModelTabs() {
  useLang();
  const tabs = useDocument(useShallow((s) => Object.values(s.doc.models).map((m) => `${m.id}\u0000${m.name}`)));
  const active = useDocument((s) => s.activeModel);
  const main = useDocument((s) => s.doc.main);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <nav className="lf-tabs" data-testid="model-tabs">
      {tabs.map((tab) => {
        const [id, name] = tab.split('\u0000');
        return (
          <div
            key={id}
            className={`lf-tab${id === active ? ' active' : ''}`}
            onClick={() => id !== active && openModel(id)}
            onDoubleClick={() => setEditing(id)}
            draggable
            onDragStart={(e) => e.dataTransfer.setData(DND_MODEL, id)}
            title={t('editor.tabs.hint')}
            data-testid={`model-tab-${name}`}
          >
            {editing === id ? (
              <input
                autoFocus
                defaultValue={name}
                onChange={(e) => {
                  const v = e.target.value.trim();
                  const problem = v === name ? null : nameProblem(useDocument.getState().doc, v, name);
                  e.target.setAttribute('aria-invalid', String(!!problem));
                  e.target.title = problem ?? '';
                }}
                onBlur={(e) => {
                  const v = e.target.value.trim();
                  const problem = v === name ? null : nameProblem(useDocument.getState().doc, v, name);
                  if (problem) useEditor.getState().say(t('editor.tabs.renameRefused', { name, problem }), 'error');
                  else if (v !== name) renameModel(id, v);
                  setEditing(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                  if (e.key === 'Escape') setEditing(null);
                }}
              />
            ) : (
              <span>{name}</span>
            )}
            {id !== main && (
              <button
                className="lf-tab-close"
                title={t('editor.tabs.delete')}
                onClick={(e) => {
                  e.stopPropagation();
                  deleteModel(id);
                }}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
      <button className="lf-tab-add" onClick={newModel} title={t('editor.tabs.add')} data-testid="add-model">
        +
      </button>
    </nav>
  );
}
