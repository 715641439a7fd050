/** compile(): optimizer + learning rate, a loss per output (with from_logits and weight), metrics. */
import type { CompileConfig } from '../../engine/doc';
import { LOSS_NAMES, LOSSES, lossDef } from '../../engine/train/losses';
import { METRIC_NAMES } from '../../engine/train/metrics';
import { OPTIMIZER_NAMES, OPTIMIZERS, optimizerDef } from '../../engine/train/optimizers';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { compileOf, outputsOf } from './run';

export function CompileForm({ disabled }: { disabled: boolean }) {
  const doc = useDocument((s) => s.doc);
  const modelId = useDocument((s) => s.activeModel);
  const config = compileOf(doc, modelId);
  const outputs = outputsOf(doc, modelId);
  const update = (fn: (c: CompileConfig) => CompileConfig) =>
    useDocument.getState().change((d) => (d.models[modelId] ? { ...d, models: { ...d.models, [modelId]: { ...d.models[modelId], compile: fn(compileOf(d, modelId)) } } } : d));

  return (
    <fieldset className="tr-box" disabled={disabled} data-testid="compile-form">
      <legend>{t('training.compile')}</legend>
      <label className="tr-row">
        <span>{t('training.optimizer')}</span>
        <select
          value={config.optimizer}
          data-testid="optimizer"
          onChange={(e) => {
            const opt = optimizerDef(e.target.value);
            if (opt) update((c) => ({ ...c, optimizer: e.target.value, learningRate: opt.defaultLr }));
          }}
        >
          {OPTIMIZER_NAMES.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="tr-row">
        <span>{t('training.learningRate')}</span>
        <input
          type="number"
          step="any"
          min={0}
          data-testid="learning-rate"
          value={config.learningRate}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (v > 0) update((c) => ({ ...c, learningRate: v }));
          }}
        />
      </label>
      <div className="tr-sub">{t('training.lossPerOutput')}</div>
      {outputs.map((o) => {
        const l = config.loss[o.name] ?? { name: 'mean_squared_error', fromLogits: false, weight: 1 };
        const setLoss = (patch: Partial<typeof l>) => update((c) => ({ ...c, loss: { ...c.loss, [o.name]: { ...l, ...patch } } }));
        return (
          <div key={o.name} className="tr-output" data-testid={`loss-${o.name}`}>
            <code>{o.name}</code>
            <select value={l.name} onChange={(e) => lossDef(e.target.value) && setLoss({ name: e.target.value })} aria-label={t('training.loss')}>
              {LOSS_NAMES.map((n) => (
                <option key={n} value={n}>{LOSSES[n].label}</option>
              ))}
            </select>
            {lossDef(l.name)?.logits && (
              <label title={t('training.fromLogitsHelp')}>
                <input type="checkbox" checked={l.fromLogits} onChange={(e) => setLoss({ fromLogits: e.target.checked })} /> from_logits
              </label>
            )}
            <label title={t('training.lossWeight')}>
              ×<input type="number" step="any" min={0} className="tr-num" value={l.weight} onChange={(e) => Number(e.target.value) >= 0 && setLoss({ weight: Number(e.target.value) })} />
            </label>
          </div>
        );
      })}
      <div className="tr-row">
        <span>{t('training.metrics')}</span>
        <span>
          {METRIC_NAMES.map((m) => (
            <label key={m} className="tr-check">
              <input
                type="checkbox"
                checked={config.metrics.includes(m) || (m === 'accuracy' && config.metrics.includes('acc'))}
                onChange={(e) => update((c) => ({ ...c, metrics: e.target.checked ? [...c.metrics.filter((x) => x !== m), m] : c.metrics.filter((x) => x !== m && !(m === 'accuracy' && x === 'acc')) }))}
              />
              {m}
            </label>
          ))}
        </span>
      </div>
      <div className="tr-hint">{t('training.lrDefault', { lr: OPTIMIZERS[config.optimizer as keyof typeof OPTIMIZERS]?.defaultLr ?? '' })}</div>
    </fieldset>
  );
}
