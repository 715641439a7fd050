/** The inspector: the selected call's layer (name, trainable, params) and its actions, or the model. */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDocument } from '../store/document';
import { useAnalysis } from '../store/analysis';
import * as act from '../store/actions';
import { useKinds } from '../store/kinds';
import { nameProblem } from '../../engine/edit';
import type { Call, Port, ProjectDoc } from '../../engine/doc';
import type { NodeInfo } from '../../engine/analysisTypes';
import { fmtShape } from '../../engine/shape';
import { ParamField } from './ParamField';
import { kindDoc } from '../palette/kindDoc';
import { t, useLang } from '../i18n';

/** Only what the panel shows is selected from the store, so dragging a node does not re-render the form. */
export function Inspector() {
  useLang();
  const v = useDocument(
    useShallow((s) => {
      const m = s.doc.models[s.activeModel];
      const node = s.selection.length === 1 ? m.nodes.find((n) => n.id === s.selection[0]) : undefined;
      return {
        count: s.selection.length,
        nodeId: node?.id,
        call: node?.call,
        layers: s.doc.layers,
        outputs: m.outputs,
        modelId: m.id,
        modelName: m.name,
        innerName: node && 'model' in node.call ? s.doc.models[node.call.model]?.name : undefined,
      };
    }),
  );
  const analysis = useAnalysis();
  if (v.count > 1) return <MultiSelection count={v.count} />;
  if (!v.nodeId || !v.call) return <ModelPanel modelId={v.modelId} name={v.modelName} outputs={v.outputs.length} />;
  return <NodePanel key={v.nodeId} nodeId={v.nodeId} call={v.call} layers={v.layers} outputs={v.outputs} innerName={v.innerName} info={analysis.models[v.modelId]?.nodes[v.nodeId]} />;
}

const problemOf = (current: string) => (name: string) => nameProblem(useDocument.getState().doc, name, current);

function MultiSelection({ count }: { count: number }) {
  return (
    <div className="lf-inspector" data-testid="inspector">
      <h2>{t('editor.inspector.selected', { n: count })}</h2>
      <div className="lf-actions">
        <button onClick={act.makeModelFromSelection} data-testid="make-model">{t('editor.action.makeModel')}</button>
        <button onClick={act.duplicateSelection}>{t('editor.action.duplicate')}</button>
        <button className="danger" onClick={act.deleteSelection}>{t('editor.action.delete')}</button>
      </div>
      <p className="lf-muted">{t('editor.inspector.makeModelHint')}</p>
    </div>
  );
}

function NameField({ value, onCommit, problem, testId }: { value: string; onCommit(v: string): void; problem(v: string): string | null; testId: string }) {
  const [draft, setDraft] = useState(value);
  const why = draft === value ? null : problem(draft);
  const commit = () => {
    if (!why && draft !== value) onCommit(draft);
  };
  return (
    <div className="lf-field">
      <label className="lf-field-label" htmlFor={testId}>name</label>
      <input id={testId} value={draft} className={why ? 'invalid' : undefined} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} spellCheck={false} data-testid={testId} />
      {why && <div className="lf-field-error">{why}</div>}
    </div>
  );
}

function OutputButtons({ nodeId, info, outputs }: { nodeId: string; info?: NodeInfo; outputs: readonly Port[] }) {
  const n = info?.outputCount ?? 1;
  return (
    <>
      {Array.from({ length: n }, (_, i) => {
        const marked = outputs.some((o) => o.node === nodeId && o.output === i);
        return (
          <button key={i} className={marked ? 'on' : undefined} onClick={() => act.toggleOutput({ node: nodeId, output: i })} data-testid={`mark-output-${i}`}>
            {marked ? t('editor.action.unmarkOutput', { n: n > 1 ? ` ${i}` : '' }) : t('editor.action.markOutput', { n: n > 1 ? ` ${i}` : '' })}
          </button>
        );
      })}
    </>
  );
}

interface NodePanelProps {
  nodeId: string;
  call: Call;
  layers: ProjectDoc['layers'];
  outputs: readonly Port[];
  innerName?: string;
  info?: NodeInfo;
}

function NodePanel({ nodeId, call, layers, outputs, innerName, info }: NodePanelProps) {
  const kinds = useKinds();
  const shapes = info?.outputShapes.map(fmtShape).join(' · ') || '—';
  const count = info ? info.params.trainable + info.params.nonTrainable : 0;
  const nodeIssues = info?.issues ?? [];
  const shared = info?.sharedWith ?? [];
  if ('model' in call) {
    const innerId = call.model;
    return (
      <div className="lf-inspector" data-testid="inspector">
        <h2>{innerName ?? innerId} <span className="lf-kind">Model</span></h2>
        <Facts shapes={shapes} count={count} />
        <div className="lf-actions">
          <button onClick={() => act.openModel(innerId)} data-testid="open-model">{t('editor.action.openModel')}</button>
          <OutputButtons nodeId={nodeId} info={info} outputs={outputs} />
          <button onClick={() => act.callAgain(nodeId)} data-testid="call-again">{t('editor.action.callAgain')}</button>
          <button className="danger" onClick={act.deleteSelection}>{t('editor.action.delete')}</button>
        </div>
        <Issues list={nodeIssues.map((i) => i.message)} />
      </div>
    );
  }
  const layer = layers[call.layer];
  const kind = layer && kinds[layer.kind];
  if (!layer) return null;
  const byParam = (k: string) => nodeIssues.filter((i) => i.param === k).map((i) => i.message);
  return (
    <div className="lf-inspector" data-testid="inspector">
      <h2>
        {layer.name} <span className="lf-kind">{layer.kind}</span>
      </h2>
      {kind && <p className="lf-muted">{kindDoc(kind)}</p>}
      <Facts shapes={shapes} count={count} />
      {shared.length > 0 && <p className="lf-shared-note" data-testid="shared-note">{t('editor.inspector.sharedCalls', { n: shared.length + 1 })}</p>}
      <div className="lf-actions">
        <button onClick={() => act.callAgain(nodeId)} data-testid="call-again" title={t('editor.action.callAgainHint')}>{t('editor.action.callAgain')}</button>
        <OutputButtons nodeId={nodeId} info={info} outputs={outputs} />
        <button onClick={act.duplicateSelection}>{t('editor.action.duplicate')}</button>
        <button className="danger" onClick={act.deleteSelection} data-testid="delete-node">{t('editor.action.delete')}</button>
      </div>
      <Issues list={nodeIssues.filter((i) => !i.param || !kind?.params[i.param]).map((i) => i.message)} />
      <form className="lf-form" onSubmit={(e) => e.preventDefault()}>
        <NameField key={layer.name} value={layer.name} onCommit={(v) => act.renameLayer(layer.id, v)} problem={problemOf(layer.name)} testId="layer-name" />
        <div className="lf-field lf-field-bool">
          <input id="layer-trainable" type="checkbox" checked={layer.trainable} onChange={(e) => act.setTrainable(layer.id, e.target.checked)} data-testid="layer-trainable" />
          <label htmlFor="layer-trainable" className="lf-field-label">trainable</label>
        </div>
        {kind &&
          Object.entries(kind.params).map(([k, spec]) => (
            <ParamField key={k} name={k} spec={spec} value={layer.params[k] ?? spec.default} issues={byParam(k)} onCommit={(v) => act.setParam(layer.id, k, v)} />
          ))}
        {!kind && <p className="lf-field-error">{t('editor.inspector.unknownKind', { kind: layer.kind })}</p>}
      </form>
    </div>
  );
}

function Facts({ shapes, count }: { shapes: string; count: number }) {
  return (
    <dl className="lf-facts">
      <dt>{t('editor.inspector.output')}</dt>
      <dd data-testid="inspector-shape">{shapes}</dd>
      <dt>{t('editor.inspector.params')}</dt>
      <dd>{count.toLocaleString('en-US')}</dd>
    </dl>
  );
}

function Issues({ list }: { list: string[] }) {
  if (!list.length) return null;
  return (
    <ul className="lf-issues">
      {list.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function ModelPanel({ modelId, name, outputs }: { modelId: string; name: string; outputs: number }) {
  return (
    <div className="lf-inspector" data-testid="inspector">
      <h2>
        {name} <span className="lf-kind">Model</span>
      </h2>
      <form className="lf-form" onSubmit={(e) => e.preventDefault()}>
        <NameField key={name} value={name} onCommit={(v) => act.renameModel(modelId, v)} problem={problemOf(name)} testId="model-name" />
      </form>
      <p className="lf-muted">{t('editor.inspector.nothingSelected')}</p>
      <p className="lf-muted">{t('editor.inspector.outputsCount', { n: outputs })}</p>
    </div>
  );
}
