/**
 * The custom layer editor: class name, constructor params (they form get_config), weights
 * (shapes as expressions of the input shape and the params), output shape, and the `call`
 * body in JavaScript (tfjs ops) plus its Python twin for export. Problems show inline, from the
 * engine's checks; nothing here runs the code.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { create } from 'zustand';
import { checkCustomDef, CUSTOM_DENSE, type CustomLayerDef, type CustomParam, type CustomWeight } from '../../engine/custom/definition';
import { KINDS } from '../../nodes';
import { INITIALIZERS, type Initializer } from '../../nodes/params';
import { t } from '../i18n';
import { Dialog } from '../projects/Dialog';
import { useDocument } from '../store/document';
import { useSession } from '../projects/session';
import { approve, isApproved, projectKeyOf } from './approval';
import { removeCustomDef, saveCustomDef } from './customDefs';
import { probeCustom } from '../training/client';
import { analysisOf } from '../store/analysis';
import { fmtShape } from '../../engine/shape';
import './custom.css';

// CodeMirror loads when the dialog first opens, not with the editor's first chunk.
const CodeField = lazy(() => import('./CodeField').then((m) => ({ default: m.CodeField })));

const useDialog = create<{ open: boolean; editing: string | null }>()(() => ({ open: false, editing: null }));

/** Open the editor on an existing custom layer, or on a new one when no name is given. */
export function openCustomLayerEditor(className?: string) {
  useDialog.setState({ open: true, editing: className ?? null });
}

const blank = (taken: Set<string>): CustomLayerDef => {
  let n = 1;
  while (taken.has(`CustomLayer${n}`)) n++;
  return { ...CUSTOM_DENSE, className: `CustomLayer${n}`, doc: '' };
};

const splitExprs = (s: string) => s.split(',').map((e) => e.trim()).filter(Boolean);

export function CustomLayerDialog() {
  const { open, editing } = useDialog();
  if (!open) return null;
  return <Editor key={editing ?? '(new)'} editing={editing} onClose={() => useDialog.setState({ open: false })} />;
}

function Editor(props: { editing: string | null; onClose(): void }) {
  const doc = useDocument((s) => s.doc);
  const currentId = useSession((s) => s.currentId);
  const existing = props.editing ? (doc.custom?.[props.editing] as CustomLayerDef | undefined) : undefined;
  const [draft, setDraft] = useState<CustomLayerDef>(() => existing ?? blank(new Set(Object.keys(doc.custom ?? {}))));
  const [outputText, setOutputText] = useState(draft.outputShape?.join(', ') ?? '');
  const [refusal, setRefusal] = useState<string | null>(null);
  const set = (patch: Partial<CustomLayerDef>) => setDraft((d) => ({ ...d, ...patch }));
  const setParam = (i: number, patch: Partial<CustomParam>) => set({ params: draft.params.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setWeight = (i: number, patch: Partial<CustomWeight>) => set({ weights: draft.weights.map((w, j) => (j === i ? { ...w, ...patch } : w)) });

  const candidate: CustomLayerDef = { ...draft, outputShape: outputText.trim() ? splitExprs(outputText) : null };
  const problems = useMemo(() => {
    const out = checkCustomDef(candidate);
    if (candidate.className in KINDS) out.unshift(t('custom.builtinName', { name: candidate.className }));
    if (candidate.className !== props.editing && doc.custom && candidate.className in doc.custom) out.unshift(t('custom.takenName', { name: candidate.className }));
    return out;
  }, [candidate, doc.custom, props.editing]);

  // A layer created here, or one already approved, is the author's own: saving their edit approves it.
  // A stranger's (imported, unapproved) code stays unapproved until the user approves the code shown.
  const [own, setOwn] = useState(() => !existing || isApproved(existing, projectKeyOf(currentId, doc)));
  const save = () => {
    if (problems.length) return;
    useDocument.getState().change((d) => saveCustomDef(d, props.editing, candidate));
    if (own) approve(projectKeyOf(currentId, doc), [candidate]);
    props.onClose();
  };
  const approveShown = () => {
    approve(projectKeyOf(currentId, doc), [candidate]);
    setOwn(true);
  };
  const [probe, setProbe] = useState<string | null>(null);
  /** Learn the output shape by running call once in the training worker, on the input of the first call site. */
  const runProbe = async () => {
    const current = useDocument.getState().doc;
    const layer = Object.values(current.layers).find((l) => l.kind === candidate.className);
    const input = layer && analysisOf(current).layers[layer.id]?.buildShapes?.[0];
    if (!layer || !input) return setProbe(t('custom.probeNoCall', { name: candidate.className }));
    if (!own) return setProbe(t('custom.probeNeedsApproval'));
    // The author's own code: what they are editing now is what they run.
    approve(projectKeyOf(currentId, current), [candidate]);
    setProbe(t('custom.probing'));
    const result = await probeCustom({ type: 'probe-custom', doc: saveCustomDef(current, props.editing, candidate), className: candidate.className, input: [...input], params: { ...layer.params } });
    if (!result.ok) return setProbe(result.message);
    setProbe(t('custom.probed', { input: fmtShape(input), output: fmtShape(result.output) }));
    set({ probed: { input: [...input], output: result.output } });
  };
  const remove = () => {
    const r = removeCustomDef(useDocument.getState().doc, props.editing!);
    if (typeof r === 'string') return setRefusal(r);
    useDocument.getState().change(() => r);
    props.onClose();
  };

  return (
    <Dialog title={existing ? t('custom.editTitle', { name: existing.className }) : t('custom.newTitle')} onClose={props.onClose} wide testId="custom-layer-dialog">
      <div className="cl-form">
        {!own && (
          <div className="cl-banner" role="alert" data-testid="custom-unapproved">
            <div className="cl-banner-text">{t('custom.unapprovedHere')}</div>
            <div className="cl-banner-actions">
              <button type="button" className="cl-primary" data-testid="custom-approve-shown" onClick={approveShown}>{t('custom.approveThis')}</button>
            </div>
          </div>
        )}
        <label>
          {t('custom.className')}
          <input data-testid="custom-class-name" value={draft.className} onChange={(e) => set({ className: e.target.value })} />
        </label>
        <label>
          {t('custom.doc')}
          <input value={draft.doc} onChange={(e) => set({ doc: e.target.value })} />
        </label>
        <label>
          {t('custom.inputs')}
          <span className="cl-row">
            <input type="number" min={1} max={8} value={draft.inputs.min} onChange={(e) => set({ inputs: { ...draft.inputs, min: Number(e.target.value) } })} />
            –
            <input type="number" min={1} max={8} value={draft.inputs.max} onChange={(e) => set({ inputs: { ...draft.inputs, max: Number(e.target.value) } })} />
          </span>
        </label>

        <fieldset>
          <legend>{t('custom.params')}</legend>
          {draft.params.map((p, i) => (
            <div className="cl-row" key={i}>
              <input aria-label={t('custom.paramName')} value={p.name} onChange={(e) => setParam(i, { name: e.target.value })} />
              <select aria-label={t('custom.paramType')} value={p.type} onChange={(e) => setParam(i, { type: e.target.value as CustomParam['type'], default: e.target.value === 'bool' ? false : e.target.value === 'string' ? '' : 0 })}>
                {['int', 'float', 'bool', 'string'].map((ty) => <option key={ty}>{ty}</option>)}
              </select>
              {p.type === 'bool' ? (
                <input type="checkbox" aria-label={t('custom.paramDefault')} checked={p.default === true} onChange={(e) => setParam(i, { default: e.target.checked })} />
              ) : (
                <input aria-label={t('custom.paramDefault')} value={String(p.default)} onChange={(e) => setParam(i, { default: p.type === 'string' ? e.target.value : Number(e.target.value) })} />
              )}
              <button type="button" onClick={() => set({ params: draft.params.filter((_, j) => j !== i) })}>{t('custom.remove')}</button>
            </div>
          ))}
          <button type="button" onClick={() => set({ params: [...draft.params, { name: `param${draft.params.length + 1}`, type: 'int', default: 1 }] })}>{t('custom.addParam')}</button>
        </fieldset>

        <fieldset>
          <legend>{t('custom.weights')}</legend>
          <p className="cl-hint">{t('custom.shapeHint')}</p>
          {draft.weights.map((w, i) => (
            <div className="cl-row" key={i}>
              <input aria-label={t('custom.weightName')} value={w.name} onChange={(e) => setWeight(i, { name: e.target.value })} />
              <input aria-label={t('custom.weightShape')} className="cl-wide" value={w.shape.join(', ')} onChange={(e) => setWeight(i, { shape: splitExprs(e.target.value) })} />
              <select aria-label={t('custom.initializer')} value={w.initializer} onChange={(e) => setWeight(i, { initializer: e.target.value as Initializer })}>
                {INITIALIZERS.map((x) => <option key={x}>{x}</option>)}
              </select>
              <label className="cl-inline">
                <input type="checkbox" checked={w.trainable} onChange={(e) => setWeight(i, { trainable: e.target.checked })} />
                trainable
              </label>
              <button type="button" onClick={() => set({ weights: draft.weights.filter((_, j) => j !== i) })}>{t('custom.remove')}</button>
            </div>
          ))}
          <button type="button" onClick={() => set({ weights: [...draft.weights, { name: `w${draft.weights.length + 1}`, shape: ['input[-1]'], initializer: 'glorot_uniform', trainable: true }] })}>{t('custom.addWeight')}</button>
        </fieldset>

        <label>
          {t('custom.outputShape')}
          <input data-testid="custom-output-shape" className="cl-wide" placeholder={t('custom.outputShapeProbe')} value={outputText} onChange={(e) => setOutputText(e.target.value)} />
        </label>
        {!outputText.trim() && existing && (
          <div className="cl-row">
            <button type="button" data-testid="custom-probe" onClick={() => void runProbe()}>{t('custom.probe')}</button>
            {(probe || draft.probed) && <span className="cl-hint" data-testid="custom-probe-result">{probe ?? t('custom.probed', { input: fmtShape(draft.probed!.input), output: fmtShape(draft.probed!.output) })}</span>}
          </div>
        )}
        <div className="cl-code-label">{t('custom.callJs')}</div>
        <Suspense fallback={<div className="cl-code" />}>
          <CodeField language="javascript" label={t('custom.callJs')} value={draft.call} onChange={(call) => set({ call })} testId="custom-call" />
        </Suspense>
        <div className="cl-code-label">{t('custom.callPython')}</div>
        <Suspense fallback={<div className="cl-code" />}>
          <CodeField language="python" label={t('custom.callPython')} value={draft.pythonCall} onChange={(pythonCall) => set({ pythonCall })} />
        </Suspense>

        {(problems.length > 0 || refusal) && (
          <ul className="cl-problems" data-testid="custom-problems">
            {refusal && <li>{refusal}</li>}
            {problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
        <div className="cl-actions">
          {existing && <button type="button" className="cl-danger" onClick={remove}>{t('custom.delete')}</button>}
          <button type="button" onClick={props.onClose}>{t('custom.cancel')}</button>
          <button type="button" className="cl-primary" data-testid="custom-save" disabled={problems.length > 0} onClick={save}>{t('custom.save')}</button>
        </div>
      </div>
    </Dialog>
  );
}
