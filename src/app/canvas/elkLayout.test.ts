/**
 * The elk layout of every template reads like its code: inputs left to right in declaration
 * order, each node's inputs arriving in port order, and edges (drawn handle to handle) that do
 * not cross.
 */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../templates';
import type { ModelDef } from '../../engine/doc';
import { layoutBoxes, portCounts, type Box } from './elkLayout';

/** Handle positions as LayerNode draws them: spread evenly along the top (inputs) and bottom (outputs). */
function segments(model: ModelDef, boxes: Map<string, Box>) {
  const counts = portCounts(model);
  return model.edges.map((e) => {
    const s = boxes.get(e.from.node)!;
    const t = boxes.get(e.to.node)!;
    const outs = counts.get(e.from.node)!.outputs;
    const ins = counts.get(e.to.node)!.inputs;
    return { edge: e, x1: s.x + (s.w * (e.from.output + 1)) / (outs + 1), y1: s.y + s.h, x2: t.x + (t.w * (e.to.input + 1)) / (ins + 1), y2: t.y };
  });
}

type Seg = ReturnType<typeof segments>[number];
/** Two straight segments cross (sharing an end does not count). */
function cross(a: Seg, b: Seg) {
  const same = (x: number, y: number, u: number, v: number) => Math.abs(x - u) < 0.5 && Math.abs(y - v) < 0.5;
  if (same(a.x1, a.y1, b.x1, b.y1) || same(a.x2, a.y2, b.x2, b.y2)) return false;
  const d = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d1 = d(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d2 = d(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const d3 = d(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d4 = d(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

const models = Object.entries(TEMPLATES).flatMap(([name, t]) => Object.values(t.build().models).map((m) => [`${name}/${m.name}`, m] as const));
const sizeOf = () => ({ w: 210, h: 72 });

describe('elk layout of every template', () => {
  it.each(models)('%s', async (_, model) => {
    const boxes = await layoutBoxes(model, sizeOf);
    // Inputs on one row stand in declaration order (the document keeps them so).
    const inputs = model.nodes.filter((n) => !model.edges.some((e) => e.to.node === n.id)).map((n) => boxes.get(n.id)!);
    for (let i = 1; i < inputs.length; i++) if (inputs[i].y === inputs[i - 1].y) expect(inputs[i].x).toBeGreaterThan(inputs[i - 1].x);
    const segs = segments(model, boxes);
    // Into each node, its inputs arrive in port order, left to right.
    for (const n of model.nodes) {
      const into = segs.filter((s) => s.edge.to.node === n.id).sort((a, b) => a.edge.to.input - b.edge.to.input);
      for (let i = 1; i < into.length; i++) expect(into[i].x1, `${n.id} input ${into[i].edge.to.input}`).toBeGreaterThanOrEqual(into[i - 1].x1);
    }
    const crossings = segs.flatMap((a, i) => segs.slice(i + 1).filter((b) => cross(a, b)).map((b) => `${a.edge.id}×${b.edge.id}`));
    expect(crossings).toEqual([]);
  });
});
