/**
 * Every layer kind of KINDS grouped by category, searchable; plus the project's other models
 * (drop one to call it as a nested model). Drag onto the canvas, or double-click to add at the
 * view centre.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStoreApi } from '@xyflow/react';
import type { KindMap } from '../../nodes';
import { useKinds } from '../store/kinds';
import { openCustomLayerEditor } from '../custom/CustomLayerDialog';
import type { Category, LayerKind } from '../../nodes/kind';
import { canNest } from '../../engine/edit';
import { useDocument } from '../store/document';
import { addLayer, addModelCall, NODE_HALF } from '../store/actions';
import { DND_KIND, DND_MODEL } from '../canvas/Canvas';
import { viewCentre } from '../canvas/flowRef';
import { freeSpot, NEW_NODE } from './freeSpot';
import { kindDoc } from './kindDoc';
import { t, useLang } from '../i18n';

const ORDER: Category[] = ['input', 'core', 'convolution', 'pooling', 'reshaping', 'normalization', 'recurrent', 'attention', 'merging', 'ops', 'activation', 'regularization', 'preprocessing', 'wrapper', 'custom'];

function groups(kinds: KindMap, query: string): [Category, LayerKind[]][] {
  const q = query.trim().toLowerCase();
  const hit = (k: LayerKind) => !q || [k.kind, k.doc, kindDoc(k), k.category].some((s) => s.toLowerCase().includes(q));
  const out = new Map<Category, LayerKind[]>();
  for (const k of Object.values(kinds)) if (hit(k)) out.set(k.category, [...(out.get(k.category) ?? []), k]);
  return ORDER.filter((c) => out.has(c)).map((c) => [c, out.get(c)!.sort((a, b) => a.kind.localeCompare(b.kind))]);
}

const startDrag = (type: string, value: string) => (e: DragEvent) => {
  e.dataTransfer.setData(type, value);
  e.dataTransfer.effectAllowed = 'copy';
};

export function Palette() {
  const lang = useLang();
  const flowStore = useStoreApi();
  /** The spot for a double-clicked kind, from the nodes as drawn (their measured sizes) and the view. */
  const spot = () => {
    const { nodeLookup, transform, width, height } = flowStore.getState();
    const boxes = [...nodeLookup.values()].map((n) => ({
      ...n.internals.positionAbsolute,
      w: n.measured.width ?? NEW_NODE.w,
      h: n.measured.height ?? NEW_NODE.h,
    }));
    const [tx, ty, zoom] = transform;
    return freeSpot(boxes, viewCentre(), NODE_HALF, { x: -tx / zoom, y: -ty / zoom, w: width / zoom, h: height / zoom });
  };
  const [query, setQuery] = useState('');
  const kinds = useKinds();
  // The language is a dependency: search matches the description in the UI language too.
  const found = useMemo(() => groups(kinds, query), [kinds, query, lang]);
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
                onDoubleClick={() => addLayer(k.kind, spot())}
                title={kindDoc(k)}
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
                onDoubleClick={() => addModelCall(id, spot())}
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
