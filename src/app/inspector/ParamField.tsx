/** One parameter of the inspector form, generated from its spec: Keras name, default, validation. */
import { useState } from 'react';
import type { ParamValue, Spec, WrappedLayer } from '../../nodes/params';
import { sameValue, withDefaults } from '../../nodes/params';
import { KINDS } from '../../nodes';
import { fromText, toText } from './parse';
import { t } from '../i18n';
import { paramDocKey } from '../i18n/messages/params';

interface Props {
  name: string;
  spec: Spec;
  value: ParamValue;
  /** Analysis issues that name this param. */
  issues?: string[];
  onCommit(v: ParamValue): void;
  testPrefix?: string;
}

/** Keras names run long (moving_variance_initializer): they may wrap after an underscore, never mid-word. */
const breakable = (name: string) => name.split('_').flatMap((part, i) => (i ? ['_', <wbr key={i} />, part] : [part]));

export function ParamField({ name, spec, value, issues = [], onCommit, testPrefix = 'param' }: Props) {
  const id = `${testPrefix}-${name}`;
  const isDefault = sameValue(value, spec.default);
  // A param the built-in kinds do not document (a custom layer's) shows its own doc as written.
  const docKey = paramDocKey(name, spec.doc);
  const label = (
    <label htmlFor={id} className={`lf-field-label${isDefault ? '' : ' changed'}`} title={docKey ? t(docKey) : (spec.doc ?? '')}>
      {breakable(name)}
    </label>
  );
  const msgs = issues.map((m) => (
    <div key={m} className="lf-field-error">
      {m}
    </div>
  ));
  if (spec.type === 'bool')
    return (
      <div className="lf-field lf-field-bool">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onCommit(e.target.checked)} data-testid={id} />
        {label}
        {msgs}
      </div>
    );
  if (spec.type === 'enum')
    return (
      <div className="lf-field">
        {label}
        <select id={id} value={String(value)} onChange={(e) => onCommit(e.target.value)} data-testid={id}>
          {/* An imported initializer with arguments (VarianceScaling(…)) is kept and shown as it is. */}
          {[...(spec.options ?? []).includes(String(value)) ? [] : [String(value)], ...(spec.options ?? [])].map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {msgs}
      </div>
    );
  if (spec.type === 'layer') return <WrappedField name={name} spec={spec} value={value as WrappedLayer} onCommit={onCommit} id={id} />;
  // Remount on an outside change (undo) so the draft shows the document's value.
  return <TextField key={JSON.stringify(value)} name={name} id={id} label={label} spec={spec} value={value} onCommit={onCommit} msgs={msgs} />;
}

function TextField({ name, id, label, spec, value, onCommit, msgs }: { name: string; id: string; label: React.ReactNode; spec: Spec; value: ParamValue; onCommit(v: ParamValue): void; msgs: React.ReactNode[] }) {
  const [draft, setDraft] = useState(() => toText(spec, value));
  const parsed = fromText(spec, draft);
  const problem = spec.check(parsed);
  const commit = () => {
    if (problem === null && !sameValue(parsed, value)) onCommit(parsed as ParamValue);
  };
  return (
    <div className="lf-field">
      {label}
      <input
        id={id}
        className={problem ? 'invalid' : undefined}
        value={draft}
        placeholder={spec.type === 'string' && spec.default === null ? 'None' : toText(spec, spec.default)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(toText(spec, value));
        }}
        spellCheck={false}
        aria-invalid={problem !== null}
        data-testid={id}
      />
      {problem && (
        <div className="lf-field-error" data-testid={`${id}-error`}>
          {t('editor.inspector.notApplied', { name, problem })}
        </div>
      )}
      {msgs}
    </div>
  );
}

/** A wrapper's inner layer (Bidirectional(LSTM(...))): its kind and, below, its own params. */
function WrappedField({ name, spec, value, onCommit, id }: { name: string; spec: Spec; value: WrappedLayer; onCommit(v: ParamValue): void; id: string }) {
  const inner = value && KINDS[value.kind];
  return (
    <fieldset className="lf-wrapped">
      <legend>{name}</legend>
      <select
        id={id}
        value={value?.kind ?? ''}
        onChange={(e) => onCommit({ kind: e.target.value, params: withDefaults(KINDS[e.target.value]?.params ?? {}) })}
        data-testid={id}
      >
        {(spec.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {inner &&
        Object.entries(inner.params).map(([k, s]) => (
          <ParamField key={k} name={k} spec={s} value={value.params[k] ?? s.default} testPrefix={`${id}`} onCommit={(v) => onCommit({ ...value, params: { ...value.params, [k]: v } })} />
        ))}
    </fieldset>
  );
}
