/**
 * Edges at low level of detail (see lod.tsx): instead of one SVG per edge, as React Flow draws
 * them, every edge of a zoomed-out graph is a curve in one of a few paths (plain, with an issue,
 * selected), so a 1,000-edge graph is a handful of elements to lay out, layer and paint. While
 * nodes are dragged, the edges at rest stay one unchanged path and only the dragged nodes' edges
 * are redrawn per frame. Endpoints are where React Flow puts the handles: spread along the bottom
 * (outputs) and the top (inputs) of the measured node.
 */
import { memo, useMemo } from 'react';
import { getBezierPath, Position, ViewportPortal } from '@xyflow/react';
import { handleIndex, type LayerFlowEdge, type LayerFlowNode } from './adapter';

/** Handles are 10 px squares centred on the node's border. */
const HANDLE_HALF = 5;

interface Paths {
  plain: string;
  bad: string;
  selected: string;
}

function edgePaths(edges: readonly LayerFlowEdge[], byId: ReadonlyMap<string, LayerFlowNode>, keep: (e: LayerFlowEdge) => boolean): Paths {
  const out: Paths = { plain: '', bad: '', selected: '' };
  for (const e of edges) {
    if (!keep(e)) continue;
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s?.measured?.width || !t?.measured?.width) continue;
    const o = handleIndex(e.sourceHandle);
    const i = handleIndex(e.targetHandle);
    const [d] = getBezierPath({
      sourceX: s.position.x + (s.measured.width * (o + 1)) / (s.data.outputCount + 1),
      sourceY: s.position.y + (s.measured.height ?? 0) + HANDLE_HALF,
      sourcePosition: Position.Bottom,
      targetX: t.position.x + (t.measured.width * (i + 1)) / (t.data.inputPorts + 1),
      targetY: t.position.y - HANDLE_HALF,
      targetPosition: Position.Top,
    });
    if (e.selected) out.selected += d;
    else if (e.data?.bad) out.bad += d;
    else out.plain += d;
  }
  return out;
}

const PathSet = memo(function PathSet({ p }: { p: Paths }) {
  return (
    <>
      {p.plain && <path className="lf-edge" d={p.plain} fill="none" />}
      {p.bad && <path className="lf-edge bad" d={p.bad} fill="none" />}
      {p.selected && <path className="lf-edge selected" d={p.selected} fill="none" />}
    </>
  );
});

/**
 * `docNodes`: the nodes where the document has them; `nodes`: the same with dragged nodes at
 * their live positions (`dragged` lists those ids, in a stable order).
 */
export function LodEdges({ docNodes, nodes, edges, dragged }: { docNodes: LayerFlowNode[]; nodes: LayerFlowNode[]; edges: LayerFlowEdge[]; dragged: string }) {
  const moving = useMemo(() => new Set(dragged ? dragged.split('\n') : []), [dragged]);
  const rest = useMemo(() => edgePaths(edges, new Map(docNodes.map((n) => [n.id, n])), (e) => !moving.has(e.source) && !moving.has(e.target)), [docNodes, edges, moving]);
  const live = useMemo(() => {
    if (!moving.size) return null;
    const byId = new Map<string, LayerFlowNode>();
    for (const n of nodes) byId.set(n.id, n);
    return edgePaths(edges, byId, (e) => moving.has(e.source) || moving.has(e.target));
  }, [nodes, edges, moving]);
  return (
    <ViewportPortal>
      <svg className="lf-lod-edges" data-testid="lod-edges">
        <PathSet p={rest} />
        {live && <PathSet p={live} />}
      </svg>
    </ViewportPortal>
  );
}
