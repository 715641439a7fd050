/**
 * A quick layered layout (top to bottom, like plot_model): rank = longest path from an input.
 * The editor offers elkjs for a finer layout; this one keeps generated projects readable.
 */
import type { ModelDef } from './doc';

export const LAYOUT = { rowGap: 110, colGap: 240 };

export function layeredLayout(model: ModelDef): ModelDef {
  const preds = new Map<string, string[]>();
  for (const n of model.nodes) preds.set(n.id, []);
  for (const e of model.edges) preds.get(e.to.node)?.push(e.from.node);
  const rank = new Map<string, number>();
  const visiting = new Set<string>();
  const rankOf = (id: string): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: analyze reports it; layout just stops here
    visiting.add(id);
    const r = Math.max(-1, ...(preds.get(id) ?? []).map(rankOf)) + 1;
    visiting.delete(id);
    rank.set(id, r);
    return r;
  };
  const rows = new Map<number, string[]>();
  for (const n of model.nodes) {
    const r = rankOf(n.id);
    rows.set(r, [...(rows.get(r) ?? []), n.id]);
  }
  const pos = new Map<string, { x: number; y: number }>();
  for (const [r, ids] of rows)
    ids.forEach((id, i) => pos.set(id, { x: (i - (ids.length - 1) / 2) * LAYOUT.colGap, y: r * LAYOUT.rowGap }));
  return { ...model, nodes: model.nodes.map((n) => ({ ...n, ...pos.get(n.id)! })) };
}
