/** fit(): epochs, batch size, validation split, shuffle, early stopping; and where it runs. */
import type { BackendChoice, ThreadsChoice } from '../../engine/train/protocol';
import type { FitOptions } from '../../engine/train/trainer';
import { t } from '../i18n';
import { useSettings } from './run';
import { wasmThreads } from './threads';

const BACKENDS: BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
const THREADS: ThreadsChoice[] = ['auto', 'on', 'off'];

function Num({ label, value, min, max, step, onChange, testId }: { label: string; value: number; min: number; max?: number; step?: number; onChange(v: number): void; testId: string }) {
  return (
    <label className="tr-row">
      <span>{label}</span>
      <input type="number" value={value} min={min} max={max} step={step ?? 1} data-testid={testId} onChange={(e) => {
        const v = Number(e.target.value);
        if (Number.isFinite(v) && v >= min && (max === undefined || v <= max)) onChange(v);
      }} />
    </label>
  );
}

export function FitForm({ disabled }: { disabled: boolean }) {
  const { fit, backend, threads } = useSettings();
  const set = (patch: Partial<FitOptions>) => useSettings.setState((s) => ({ fit: { ...s.fit, ...patch } }));
  return (
    <fieldset className="tr-box" disabled={disabled} data-testid="fit-form">
      <legend>{t('training.fit')}</legend>
      <Num label={t('training.epochs')} value={fit.epochs} min={1} max={1000} onChange={(epochs) => set({ epochs: Math.round(epochs) })} testId="epochs" />
      <Num label={t('training.batchSize')} value={fit.batchSize} min={1} max={65536} onChange={(batchSize) => set({ batchSize: Math.round(batchSize) })} testId="batch-size" />
      <Num label={t('training.validationSplit')} value={fit.validationSplit} min={0} max={0.9} step={0.05} onChange={(validationSplit) => set({ validationSplit })} testId="validation-split" />
      <label className="tr-row">
        <span>{t('training.shuffle')}</span>
        <input type="checkbox" checked={fit.shuffle} onChange={(e) => set({ shuffle: e.target.checked })} />
      </label>
      <Num label={t('training.patience')} value={fit.patience} min={0} max={1000} onChange={(patience) => set({ patience: Math.round(patience) })} testId="patience" />
      <label className="tr-row">
        <span>{t('training.restoreBest')}</span>
        <input type="checkbox" checked={fit.restoreBest} onChange={(e) => set({ restoreBest: e.target.checked })} />
      </label>
      <label className="tr-row">
        <span>{t('training.backend')}</span>
        <select value={backend} data-testid="backend" onChange={(e) => useSettings.setState({ backend: e.target.value as BackendChoice })}>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>{t(`training.backend.${b}`)}</option>
          ))}
        </select>
      </label>
      <label className="tr-row" title={wasmThreads(threads).why}>
        <span>{t('training.wasmThreads')}</span>
        <select value={threads} data-testid="wasm-threads" onChange={(e) => useSettings.setState({ threads: e.target.value as ThreadsChoice })}>
          {THREADS.map((c) => (
            <option key={c} value={c}>{c === 'auto' ? t('training.threads.auto', { mode: t(wasmThreads('auto').use ? 'training.threads' : 'training.singleThread') }) : t(`training.threads.${c}`)}</option>
          ))}
        </select>
      </label>
      {threads === 'auto' && <div className="tr-hint" data-testid="threads-why">{wasmThreads('auto').why}</div>}
    </fieldset>
  );
}
