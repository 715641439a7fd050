/** Auto-layout with elkjs, top to bottom like plot_model; applied as one undo step. */
import { useDocument } from '../store/document';
import { moveNodes } from '../../engine/edit';
import { LAYOUT } from '../../engine/layout';
import type { ModelDef } from '../../engine/doc';
import { flow } from './flowRef';
import { fitGraph, READABLE_ZOOM } from './fit';
import { layoutBoxes } from './elkLayout';

/** Lay out the active model; `undoable: false` rewrites positions without a history entry (opening a project). */
export async function autoLayout(undoable = true): Promise<void> {
  const s = useDocument.getState();
  const modelId = s.activeModel;
  const model = s.doc.models[modelId];
  if (!model.nodes.length) return;
  const rf = flow();
  const boxes = await layoutBoxes(model, (id) => {
    const m = rf?.getNode(id)?.measured;
    return { w: m?.width ?? 200, h: m?.height ?? 80 };
  });
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, b] of boxes) pos.set(id, { x: Math.round(b.x), y: Math.round(b.y) });
  const now = useDocument.getState();
  if (now.activeModel !== modelId) return;
  if (undoable) now.change((d) => moveNodes(d, modelId, pos));
  else useDocument.setState({ doc: moveNodes(now.doc, modelId, pos) });
  await new Promise((r) => requestAnimationFrame(r));
  reveal();
}

/**
 * Positions straight from the engine's quick layered layout (templates, imports): every node
 * on its grid. Those get the finer elk layout when opened; positions a user made never do.
 */
export function isGeneratedLayout(m: ModelDef): boolean {
  return m.nodes.length > 1 && m.nodes.every((n) => n.y % LAYOUT.rowGap === 0 && (2 * n.x) % LAYOUT.colGap === 0);
}

/** Fit the graph, but never so small its names cannot be read: a tall graph shows its top (its inputs). */
export const reveal = () => fitGraph({ minZoom: READABLE_ZOOM });

/** When a model is shown: a generated layout gets laid out by elk, then the view settles on it. */
export async function settleView(m: ModelDef): Promise<void> {
  if (isGeneratedLayout(m)) await autoLayout(false);
  else reveal();
  await new Promise((r) => requestAnimationFrame(r));
}
