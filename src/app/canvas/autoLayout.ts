/** Auto-layout with elkjs, top to bottom like plot_model; applied as one undo step. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { useDocument } from '../store/document';
import { moveNodes } from '../../engine/edit';
import { flow } from './flowRef';

let elk: InstanceType<typeof ELK> | null = null;

export async function autoLayout(): Promise<void> {
  const s = useDocument.getState();
  const modelId = s.activeModel;
  const model = s.doc.models[modelId];
  if (!model.nodes.length) return;
  const rf = flow();
  elk ??= new ELK();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
    },
    children: model.nodes.map((n) => {
      const m = rf?.getNode(n.id)?.measured;
      return { id: n.id, width: m?.width ?? 200, height: m?.height ?? 80 };
    }),
    edges: model.edges.map((e) => ({ id: e.id, sources: [e.from.node], targets: [e.to.node] })),
  });
  const pos = new Map<string, { x: number; y: number }>();
  for (const c of graph.children ?? []) pos.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  const now = useDocument.getState();
  if (now.activeModel !== modelId) return;
  now.change((d) => moveNodes(d, modelId, pos));
  requestAnimationFrame(() => flow()?.fitView({ padding: 0.15, duration: 200 }));
}
