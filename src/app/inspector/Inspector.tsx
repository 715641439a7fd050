/** The inspector: the selected call's layer (name, trainable, params) and its actions, or the model. */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDocument } from '../store/document';
import { useAnalysis } from '../store/analysis';
import * as act from '../store/actions';
import { useKinds } from '../store/kinds';
import { nameProblem } from '../../engine/edit';
import type { CallNode, ModelDef, ProjectDoc } from '../../engine/doc';
import type { NodeInfo } from '../../engine/analysisTypes';
import { fmtShape } from '../../engine/shape';
import { ParamField } from './ParamField';
import { t, useLang } from '../i18n';

export function Inspector() {
  useLang();
  const { doc, model, selection } = useDocument(useShallow((s) => ({ doc: s.doc, model: s.doc.models[s.activeModel], selection: s.selection })));
  const analysis = useAnalysis();
  const ma = analysis.models[model.id];
  if (selection.length > 1) return <MultiSelection count={selection.length} />;
  const node = selection.length === 1 ? model.nodes.find((n) => n.id === selection[0]) : undefined;
  if (!node) return <ModelPanel doc={doc} model={model} />;
  return <NodePanel key={node.id} doc={doc} model={model} node={node} info={ma?.nodes[node.id]} />;
}

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

function OutputButtons({ node, info, model }: { node: CallNode; info?: NodeInfo; model: ModelDef }) {
  const n = info?.outputCount ?? 1;
  return (
    <>
      {Array.from({ length: n }, (_, i) => {
        const marked = model.outputs.some((o) => o.node === node.id && o.output === i);
        return (
          <button key={i} className={marked ? 'on' : undefined} onClick={() => act.toggleOutput({ node: node.id, output: i })} data-testid={`mark-output-${i}`}>
            {marked ? t('editor.action.unmarkOutput', { n: n > 1 ? ` ${i}` : '' }) : t('editor.action.markOutput', { n: n > 1 ? ` ${i}` : '' })}
          </button>
        );
      })}
    </>
  );
}

function NodePanel({ doc, model, node, info }: { doc: ProjectDoc; model: ModelDef; node: CallNode; info?: NodeInfo }) {
  const kinds = useKinds();
  const shapes = info?.outputShapes.map(fmtShape).join(' · ') || '—';
  const count = info ? info.params.trainable + info.params.nonTrainable : 0;
  const nodeIssues = info?.issues ?? [];
  const shared = info?.sharedWith ?? [];
  if ('model' in node.call) {
    const innerId = node.call.model;
    const inner = doc.models[innerId];
    return (
      <div className="lf-inspector" data-testid="inspector">
        <h2>{inner?.name ?? innerId} <span className="lf-kind">Model</span></h2>
        <Facts shapes={shapes} count={count} />
        <div className="lf-actions">
          <button onClick={() => act.openModel(innerId)} data-testid="open-model">{t('editor.action.openModel')}</button>
          <OutputButtons node={node} info={info} model={model} />
          <button onClick={() => act.callAgain(node.id)} data-testid="call-again">{t('editor.action.callAgain')}</button>
          <button className="danger" onClick={act.deleteSelection}>{t('editor.action.delete')}</button>
        </div>
        <Issues list={nodeIssues.map((i) => i.message)} />
      </div>
    );
  }
  const layer = doc.layers[node.call.layer];
  const kind = layer && kinds[layer.kind];
  if (!layer) return null;
  const byParam = (k: string) => nodeIssues.filter((i) => i.param === k).map((i) => i.message);
  return (
    <div className="lf-inspector" data-testid="inspector">
      <h2>
        {layer.name} <span className="lf-kind">{layer.kind}</span>
      </h2>
      {kind && <p className="lf-muted">{kind.doc}</p>}
      <Facts shapes={shapes} count={count} />
      {shared.length > 0 && <p className="lf-shared-note" data-testid="shared-note">{t('editor.inspector.sharedCalls', { n: shared.length + 1 })}</p>}
      <div className="lf-actions">
        <button onClick={() => act.callAgain(node.id)} data-testid="call-again" title={t('editor.action.callAgainHint')}>{t('editor.action.callAgain')}</button>
        <OutputButtons node={node} info={info} model={model} />
        <button onClick={act.duplicateSelection}>{t('editor.action.duplicate')}</button>
        <button className="danger" onClick={act.deleteSelection} data-testid="delete-node">{t('editor.action.delete')}</button>
      </div>
      <Issues list={nodeIssues.filter((i) => !i.param || !kind?.params[i.param]).map((i) => i.message)} />
      <form className="lf-form" onSubmit={(e) => e.preventDefault()}>
        <NameField key={layer.name} value={layer.name} onCommit={(v) => act.renameLayer(layer.id, v)} problem={(v) => nameProblem(doc, v, layer.name)} testId="layer-name" />
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

function ModelPanel({ doc, model }: { doc: ProjectDoc; model: ModelDef }) {
  return (
    <div className="lf-inspector" data-testid="inspector">
      <h2>
        {model.name} <span className="lf-kind">Model</span>
      </h2>
      <form className="lf-form" onSubmit={(e) => e.preventDefault()}>
        <NameField key={model.name} value={model.name} onCommit={(v) => act.renameModel(model.id, v)} problem={(v) => nameProblem(doc, v, model.name)} testId="model-name" />
      </form>
      <p className="lf-muted">{t('editor.inspector.nothingSelected')}</p>
      <p className="lf-muted">{t('editor.inspector.outputsCount', { n: model.outputs.length })}</p>
    </div>
  );
}
