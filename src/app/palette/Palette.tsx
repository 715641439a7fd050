/**
 * Every layer kind of KINDS grouped by category, searchable; plus the project's other models
 * (drop one to call it as a nested model). Drag onto the canvas, or double-click to add at the
 * view centre.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { KindMap } from '../../nodes';
import { useKinds } from '../store/kinds';
import { openCustomLayerEditor } from '../custom/CustomLayerDialog';
import type { Category, LayerKind } from '../../nodes/kind';
import { canNest } from '../../engine/edit';
import { useDocument } from '../store/document';
import { addLayer, addModelCall, NODE_HALF } from '../store/actions';
import { DND_KIND, DND_MODEL } from '../canvas/Canvas';
import { viewCentre } from '../canvas/flowRef';
import { t, useLang } from '../i18n';

const ORDER: Category[] = ['input', 'core', 'convolution', 'pooling', 'reshaping', 'normalization', 'recurrent', 'merging', 'activation', 'regularization', 'wrapper', 'custom'];

function groups(kinds: KindMap, query: string): [Category, LayerKind[]][] {
  const q = query.trim().toLowerCase();
  const hit = (k: LayerKind) => !q || k.kind.toLowerCase().includes(q) || k.doc.toLowerCase().includes(q) || k.category.includes(q);
  const out = new Map<Category, LayerKind[]>();
  for (const k of Object.values(kinds)) if (hit(k)) out.set(k.category, [...(out.get(k.category) ?? []), k]);
  return ORDER.filter((c) => out.has(c)).map((c) => [c, out.get(c)!.sort((a, b) => a.kind.localeCompare(b.kind))]);
}

/**
 * Step (flow px) for kinds added by double-click while the view centre is taken: down a node's
 * height and a little right, so the next node leaves the previous one's title and handles free.
 */
const STEP = { x: 60, y: 130 };

/**
 * Where a double-clicked kind goes: the view centre, or (when a node already sits there, as after
 * the previous double-click) stepped down and right until the spot is free, so nodes never stack.
 */
function freeSpot(): { x: number; y: number } {
  const s = useDocument.getState();
  const nodes = s.doc.models[s.activeModel]?.nodes ?? [];
  const at = viewCentre();
  const taken = () => nodes.some((n) => Math.abs(n.x + NODE_HALF.x - at.x) < STEP.x && Math.abs(n.y + NODE_HALF.y - at.y) < STEP.y);
  for (let i = 0; i < 50 && taken(); i++) {
    at.x += STEP.x;
    at.y += STEP.y;
  }
  return at;
}

const startDrag = (type: string, value: string) => (e: DragEvent) => {
  e.dataTransfer.setData(type, value);
  e.dataTransfer.effectAllowed = 'copy';
};

export function Palette() {
  useLang();
  const [query, setQuery] = useState('');
  const kinds = useKinds();
  const found = useMemo(() => groups(kinds, query), [kinds, query]);
  const hasCustom = found.some(([c]) => c === 'custom');
  const models = useDocument(
    useShallow((s) => Object.values(s.doc.models).filter((m) => m.id !== s.activeModel).map((m) => `${m.id}\u0000${m.name}\u0000${canNest(s.doc, s.activeModel, m.id) ? 1 : 0}`)),
  );
  const q = query.trim().toLowerCase();
  const shownModels = models.map((s) => s.split('\u0000')).filter(([, name]) => !q || name.toLowerCase().includes(q));
  return (
    <aside className="lf-palette" data-testid="palette">
      <input
        className="lf-search"
        type="search"
        placeholder={t('editor.palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
        aria-label={t('editor.palette.search')}
      />
      <div className="lf-palette-list">
        {found.map(([cat, list]) => (
          <section key={cat} className="lf-palette-group">
            <h3 className={`cat-${cat}`}>
              {t(`editor.category.${cat}`)}
              {cat === 'custom' && <NewCustom />}
            </h3>
            {list.map((k) => (
              <div
                key={k.kind}
                className={`lf-palette-item cat-${cat}`}
                draggable
                onDragStart={startDrag(DND_KIND, k.kind)}
                onDoubleClick={() => addLayer(k.kind, freeSpot())}
                title={k.doc}
                data-testid={`palette-${k.kind}`}
              >
                {k.kind}
                {cat === 'custom' && (
                  <button className="lf-icon" title={t('editor.palette.editCustom')} onClick={() => openCustomLayerEditor(k.kind)}>
                    ✎
                  </button>
                )}
              </div>
            ))}
          </section>
        ))}
        {!hasCustom && !q && (
          <section className="lf-palette-group">
            <h3 className="cat-custom">
              {t('editor.category.custom')}
              <NewCustom />
            </h3>
          </section>
        )}
        {shownModels.length > 0 && (
          <section className="lf-palette-group">
            <h3 className="cat-model">{t('editor.palette.models')}</h3>
            {shownModels.map(([id, name, ok]) => (
              <div
                key={id}
                className={`lf-palette-item cat-model${ok === '1' ? '' : ' disabled'}`}
                draggable={ok === '1'}
                onDragStart={startDrag(DND_MODEL, id)}
                onDoubleClick={() => addModelCall(id, freeSpot())}
                title={ok === '1' ? t('editor.palette.modelHint') : t('editor.palette.modelRecursive')}
                data-testid={`palette-model-${name}`}
              >
                {name}
              </div>
            ))}
          </section>
        )}
        {found.length === 0 && shownModels.length === 0 && <p className="lf-muted">{t('editor.palette.none', { query })}</p>}
      </div>
    </aside>
  );
}

function NewCustom() {
  return (
    <button className="lf-icon" title={t('editor.palette.newCustom')} onClick={() => openCustomLayerEditor()} data-testid="new-custom-layer">
      +
    </button>
  );
}
