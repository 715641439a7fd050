/** One call on the canvas: name, kind, Keras-style arguments, output shape(s), params, issues. */
import { memo, useContext, useEffect, useRef, type CSSProperties } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import type { LayerFlowNode } from './adapter';
import { sourceHandle, targetHandle } from './adapter';
import { t, useLang } from '../i18n';
import { openModel } from '../store/actions';
import { useDocument } from '../store/document';
import { LodContext } from './lod';
import { diffPhrases, statusLabel } from '../diff/diffText';
import { compactNumber, formatBytes, type CallCost } from '../../engine/cost';

// One formatter for all nodes: toLocaleString builds a new one on every call.
const fmt = new Intl.NumberFormat('en-US').format;
/** Handles spread evenly along an edge of the node, in port order. */
const spread = (i: number, n: number) => ({ left: `${((i + 1) / (n + 1)) * 100}%` });

function LayerNodeImpl({ id, data: v, selected, height }: NodeProps<LayerFlowNode>) {
  useLang();
  const lod = useContext(LodContext);
  const updateInternals = useUpdateNodeInternals();
  // Ports come and go (a merge layer gains a free port): React Flow must re-measure the handles.
  // (On mount React Flow measures by itself.)
  const ports = useRef(`${v.inputPorts}/${v.outputCount}`);
  useEffect(() => {
    const now = `${v.inputPorts}/${v.outputCount}`;
    if (ports.current === now) return;
    ports.current = now;
    updateInternals(id);
  }, [id, v.inputPorts, v.outputCount, updateInternals]);
  const bad = v.issues.length > 0;
  const warn = !bad && v.warnings.length > 0;
  const shown = bad ? v.issues : v.warnings;
  const cls = ['lf-node', `cat-${v.category}`, selected && 'selected', v.frozen && 'frozen', v.diff && `diff-${v.diff.status}`, bad && 'bad', warn && 'warn', v.highlighted && 'lit', v.nested && 'nested', lod && 'lod']
    .filter(Boolean)
    .join(' ');
  const onDoubleClick = v.nested ? () => openModelOf(id) : undefined;
  if (lod) {
    // Zoomed out: the name in a box of the height the full node was measured at (no re-measure,
    // no layout jump), issue colour and message kept. The handles are inert placeholders: React
    // Flow measures them where the real ones were, without a store subscription per handle.
    return (
      <div className={cls} style={{ height }} title={shown.join('\n') || undefined} data-testid={`node-${v.title}`} data-node-id={id} onDoubleClick={onDoubleClick}>
        {Array.from({ length: v.inputPorts }, (_, i) => <LodHandle key={`i${i}`} node={id} id={targetHandle(i)} type="target" style={spread(i, v.inputPorts)} />)}
        <span className="lf-node-lod-title">{v.title}</span>
        {Array.from({ length: v.outputCount }, (_, i) => <LodHandle key={`o${i}`} node={id} id={sourceHandle(i)} type="source" style={spread(i, v.outputCount)} />)}
      </div>
    );
  }
  return (
    <div className={cls} data-testid={`node-${v.title}`} data-node-id={id} onDoubleClick={onDoubleClick}>
      {inputHandles(v)}
      <div className="lf-node-head">
        <span className="lf-node-title" title={v.title}>{v.title}</span>
        <span className="lf-node-kind">{v.kind}</span>
        {v.frozen && (
          <span className="lf-badge frozen" title={t('editor.node.frozenHint')} data-testid="frozen-badge">
            {t('editor.node.frozen')}
          </span>
        )}
        {v.shared && (
          <span className="lf-badge shared" title={t('editor.node.sharedHint')} data-testid="shared-badge">
            {t('editor.node.shared')}
          </span>
        )}
      </div>
      {v.diff && v.diff.status !== 'same' && (
        <div className="lf-node-diff" data-testid="node-diff" data-status={v.diff.status} title={diffPhrases(v.diff).join('\n')}>
          <b>{statusLabel(v.diff)}</b> {diffPhrases(v.diff).join(' · ')}
        </div>
      )}
      {v.args && <div className="lf-node-args">{v.args}</div>}
      <div className="lf-node-foot">
        <span className={`lf-node-shape${v.shapes.length > 1 ? ' multi' : ''}`} data-testid="node-shape" title={v.shapes.length > 1 ? v.shapes.map((s, i) => portShape(i, s)).join('\n') : undefined}>
          {v.shapes.length ? v.shapes.join(' · ') : '—'}
        </span>
        {v.params > 0 && <span className="lf-node-params">{t('editor.node.params', { n: fmt(v.params) })}</span>}
      </div>
      {/* A node outside the model (a warning) or in error has no cost of the model's: no row. */}
      {v.cost && !shown.length && costRow(v.cost)}
      {shown.length > 0 && (
        <div className="lf-node-issue" title={shown.join('\n')} data-testid={bad ? 'node-issue' : 'node-warning'}>
          <span>{bad ? '⚠' : '!'} {shown[0]}</span>
        </div>
      )}
      {v.marked.length > 0 && <div className="lf-out-mark" title={t('editor.node.outputHint')}>{t('editor.node.output')}</div>}
      {outputHandles(v)}
    </div>
  );
}

const flopsText = (c: CallCost) => (c.flops === null ? t('editor.node.unknown') : compactNumber(c.flops));
const actText = (c: CallCost) => (c.activationBytes === null ? t('editor.node.unknown') : formatBytes(c.activationBytes));

/** FLOPs, activation bytes and weight bytes per sample; the exact numbers in the tooltip. */
const costRow = (c: CallCost) => (
  <div
    className="lf-node-cost"
    data-testid="node-cost"
    title={t('editor.node.costHint', {
      flops: c.flops === null ? t('editor.node.unknown') : fmt(c.flops),
      act: c.activationBytes === null ? t('editor.node.unknown') : `${fmt(c.activationBytes)} B`,
      weights: `${fmt(c.weightBytes)} B`,
    })}
  >
    <span data-testid="node-flops">{t('editor.node.flops', { n: flopsText(c) })}</span>
    <span data-testid="node-act">{t('editor.node.act', { n: actText(c) })}</span>
    {c.weightBytes > 0 && <span data-testid="node-wbytes">{t('editor.node.weightBytes', { n: formatBytes(c.weightBytes) })}</span>}
  </div>
);

/** "output 1: (None, 32)" — names a port of a node with several outputs (LSTM states, nested models). */
const portShape = (i: number, shape: string) => `${t('editor.node.outputN', { n: i })}: ${shape}`;

const inputHandles = (v: LayerFlowNode['data']) =>
  Array.from({ length: v.inputPorts }, (_, i) => (
    <Handle
      key={`i${i}`}
      id={targetHandle(i)}
      type="target"
      position={Position.Top}
      style={spread(i, v.inputPorts)}
      title={v.inputNames[i] ?? (v.inputPorts > 1 ? t('editor.node.input', { n: i }) : undefined)}
      data-testid={`in-${v.title}-${i}`}
    />
  ));

const outputHandles = (v: LayerFlowNode['data']) =>
  Array.from({ length: v.outputCount }, (_, i) => (
    <Handle
      key={`o${i}`}
      id={sourceHandle(i)}
      type="source"
      position={Position.Bottom}
      style={spread(i, v.outputCount)}
      className={v.marked.includes(i) ? 'marked' : undefined}
      title={v.outputCount > 1 ? portShape(i, v.shapes[i] ?? '—') : v.shapes[0]}
      data-testid={`out-${v.title}-${i}`}
    />
  ));

/** What React Flow reads when it measures a handle: its classes, data attributes and box. */
function LodHandle({ node, id, type, style }: { node: string; id: string; type: 'source' | 'target'; style: CSSProperties }) {
  const pos = type === 'source' ? Position.Bottom : Position.Top;
  return <div className={`react-flow__handle react-flow__handle-${pos} ${type}`} data-nodeid={node} data-handleid={id} data-handlepos={pos} style={style} />;
}

/** The node's call is read at the double-click, not captured in the view. */
function openModelOf(nodeId: string) {
  const s = useDocument.getState();
  const n = s.doc.models[s.activeModel]?.nodes.find((x) => x.id === nodeId);
  if (n && 'model' in n.call) openModel(n.call.model);
}

/**
 * Re-render only when what the node shows changes. React Flow also passes the node's position,
 * which changes on every frame of a drag and is applied by React Flow's own wrapper, not here.
 * (The language and the level of detail reach the node through subscriptions of its own.)
 */
export const LayerNode = memo(LayerNodeImpl, (a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected && a.height === b.height);
