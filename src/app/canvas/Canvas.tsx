/**
 * The canvas of the active model (React Flow, controlled by the document store). Node objects
 * come from FlowAdapter, which reuses them while unchanged. A drag keeps its live positions here,
 * out of the document (nothing that reads the document re-runs per frame), and writes them to the
 * document once at the end: one undo step.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react';
import {
  Background, BackgroundVariant, Controls, ReactFlow, type Connection, type EdgeChange, type NodeChange, type OnConnectEnd,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useDocument } from '../store/document';
import { importFiles, isModelFile } from '../io/importFiles';
import { useEditor } from '../store/editor';
import { useAnalysis } from '../store/analysis';
import { kindsOf } from '../store/kinds';
import { currentDiff, useDiff } from '../diff/diffStore';
import { DiffBanner } from '../diff/DiffBanner';
import { addLayer, addModelCall, connectPorts } from '../store/actions';
import { moveNodes } from '../../engine/edit';
import { FlowAdapter, handleIndex, type LayerFlowEdge, type LayerFlowNode, type XY } from './adapter';
import { LodContext, LodWatch } from './lod';
import { LodEdges } from './LodEdges';
import { MiniMap } from './MiniMap';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { ConnectionLine } from './ConnectionLine';
import { isValidConnection, refusal } from './connectCheck';
import { setFlow } from './flowRef';
import { settleView } from './autoLayout';
import { t, useLang } from '../i18n';
import './canvas.css';

// Defined once, outside any component (React Flow re-mounts every node when these change).
const nodeTypes = { call: LayerNode };
const edgeTypes = { shape: ShapeEdge };
export const DND_KIND = 'application/x-layerflow-kind';
export const DND_MODEL = 'application/x-layerflow-model';
/**
 * Zoomed out, React Flow gets no edges: LodEdges draws them. (React Flow keeps a component per
 * edge, hidden or not, and each re-computes its ends on every store update.)
 */
const NO_EDGES: LayerFlowEdge[] = [];

export function Canvas() {
  useLang();
  const { doc, model, selection } = useDocument(useShallow((s) => ({ doc: s.doc, model: s.doc.models[s.activeModel], selection: s.selection })));
  const edgeSelection = useEditor((s) => s.edgeSelection);
  const analysis = useAnalysis();
  const adapter = useRef(new FlowAdapter()).current;
  const wrapper = useRef<HTMLDivElement>(null);

  // Measured sizes go back into the (controlled) node objects: the minimap and layout read them.
  const [sizes, sized] = useReducer((n: number) => n + 1, 0);
  const sizeFrame = useRef(0);
  const baseline = useDiff((s) => s.baseline);
  const diff = useMemo(() => currentDiff(baseline, doc, model.id, analysis), [baseline, doc, model.id, analysis]);
  const docNodes = useMemo(() => adapter.flowNodes(doc, kindsOf(doc), model, analysis, selection, diff?.byNode), [adapter, doc, model, analysis, selection, sizes, diff]);
  // Live positions of the nodes being dragged; `dragMoved` re-renders with them.
  const dragged = useRef(new Map<string, XY>()).current;
  const [dragFrame, dragMoved] = useReducer((n: number) => n + 1, 0);
  const nodes = useMemo(() => adapter.withDrag(docNodes, dragged), [adapter, docNodes, dragged, dragFrame]);
  useEffect(() => dragged.clear(), [dragged, model.id]);
  const [lod, setLod] = useState(false);
  // Once per model shown (per project opened), when its nodes have sizes: lay out / fit the view.
  const loads = useDocument((s) => s.loads);
  const settling = useRef('');
  const [settled, setSettled] = useState('');
  const viewKey = `${loads}:${model.id}`;
  const allMeasured = useMemo(() => docNodes.every((n) => n.measured), [docNodes]);
  useEffect(() => {
    if (!allMeasured || settling.current === viewKey) return;
    settling.current = viewKey;
    void settleView(model).then(() => setSettled(viewKey));
  }, [viewKey, model, allMeasured]);
  const edges = useMemo(() => adapter.flowEdges(model, analysis, edgeSelection), [adapter, model, analysis, edgeSelection]);
  const draggedIds = useMemo(() => [...dragged.keys()].sort().join('\n'), [dragged, dragFrame]);

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    const s = useDocument.getState();
    const moved = new Map<string, XY>();
    let dragging = false;
    let sel: Set<string> | null = null;
    let resized = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        const at = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        if (c.dragging) {
          dragged.set(c.id, at);
          dragging = true;
        } else {
          // A drag's end (or a keyboard move): the document takes the position.
          dragged.delete(c.id);
          moved.set(c.id, at);
        }
      } else if (c.type === 'dimensions' && c.dimensions) resized = adapter.setSize(c.id, c.dimensions) || resized;
      else if (c.type === 'select') {
        sel ??= new Set(s.selection);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (moved.size) s.change((d) => moveNodes(d, s.activeModel, moved));
    if (dragging || moved.size) dragMoved();
    if (sel) s.select([...sel]);
    // Sizes arrive in many small batches while nodes mount: re-read them once per frame.
    if (resized && !sizeFrame.current) sizeFrame.current = requestAnimationFrame(() => ((sizeFrame.current = 0), sized()));
  }, [adapter, dragged]);

  // A drag that ends without a final position change (aborted) still leaves its nodes where they were dropped.
  const onDragStop = useCallback(() => {
    if (!dragged.size) return;
    const s = useDocument.getState();
    const moved = new Map(dragged);
    dragged.clear();
    s.change((d) => moveNodes(d, s.activeModel, moved));
    dragMoved();
  }, [dragged]);

  const onEdgesChange = useCallback((changes: EdgeChange<LayerFlowEdge>[]) => {
    const e = useEditor.getState();
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      sel ??= new Set(e.edgeSelection);
      if (c.selected) sel.add(c.id);
      else sel.delete(c.id);
    }
    if (sel) e.selectEdges([...sel]);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    connectPorts({ node: c.source, output: handleIndex(c.sourceHandle) }, { node: c.target, input: handleIndex(c.targetHandle) });
  }, []);

  const onConnectEnd = useCallback<OnConnectEnd>((_ev, state) => {
    if (state.isValid === false && state.fromNode && state.toNode && state.fromHandle && state.toHandle) {
      const fromSource = state.fromHandle.type === 'source';
      const src = fromSource ? state.fromHandle : state.toHandle;
      const dst = fromSource ? state.toHandle : state.fromHandle;
      const why = refusal({ source: src.nodeId, sourceHandle: src.id ?? null, target: dst.nodeId, targetHandle: dst.id ?? null });
      if (why) useEditor.getState().say(t('editor.status.refused', { reason: why }), 'error');
    }
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(DND_KIND) || e.dataTransfer.types.includes(DND_MODEL) || e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const instance = useRef<ReactFlowInstance<LayerFlowNode, LayerFlowEdge> | null>(null);
  const onDrop = useCallback((e: DragEvent) => {
    // Model files dropped from the desktop import as a new project (refusals show in the Export tab).
    const files = [...e.dataTransfer.files].filter((f) => isModelFile(f.name));
    if (files.length) {
      e.preventDefault();
      useEditor.getState().setRightTab('export');
      void importFiles(files);
      return;
    }
    const kind = e.dataTransfer.getData(DND_KIND);
    const model = e.dataTransfer.getData(DND_MODEL);
    if (!instance.current || (!kind && !model)) return;
    e.preventDefault();
    const at = instance.current.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    if (kind) addLayer(kind, at);
    else addModelCall(model, at);
  }, []);

  const onInit = useCallback((i: ReactFlowInstance<LayerFlowNode, LayerFlowEdge>) => {
    instance.current = i;
    setFlow(i as unknown as ReactFlowInstance, wrapper.current);
  }, []);

  const onPaneClick = useCallback(() => {
    useDocument.getState().select([]);
    useEditor.getState().selectEdges([]);
  }, []);

  return (
    <div className="lf-canvas" ref={wrapper} data-testid="canvas" data-settled={settled === viewKey} onDragOver={onDragOver} onDrop={onDrop}>
      <LodContext.Provider value={lod}>
        <ReactFlow<LayerFlowNode, LayerFlowEdge>
          nodes={nodes}
          edges={lod ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          connectionLineComponent={ConnectionLine}
          onNodeDragStop={onDragStop}
          onSelectionDragStop={onDragStop}
          onPaneClick={onPaneClick}
          onInit={onInit}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          minZoom={0.05}
          maxZoom={2.5}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
          <Controls showInteractive={false} />
          <MiniMap />
          <LodWatch onChange={setLod} />
          {lod && <LodEdges docNodes={docNodes} nodes={nodes} edges={edges} dragged={draggedIds} />}
        </ReactFlow>
      </LodContext.Provider>
      {baseline && diff && <DiffBanner baseline={baseline} diff={diff.diff} />}
      {model.nodes.length === 0 && <div className="lf-canvas-empty">{t('editor.canvas.empty')}</div>}
    </div>
  );
}
