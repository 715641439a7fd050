/** The run: status, backend and why, the epoch progress bar (batches, samples/s, ETA), epoch logs. */
import { t } from '../i18n';
import { useRun } from './run';
import { useWeights } from './weightStore';

const fmtLogs = (logs: Record<string, number>) =>
  Object.entries(logs)
    .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
    .join(' - ');

function eta(sec: number) {
  if (!Number.isFinite(sec)) return '…';
  return sec >= 60 ? `${Math.floor(sec / 60)}m${String(Math.round(sec % 60)).padStart(2, '0')}s` : `${sec.toFixed(sec < 10 ? 1 : 0)}s`;
}

export function RunView() {
  const run = useRun();
  const saved = useWeights((s) => s.savedAt);
  const savedEpochs = useWeights((s) => s.epochs);
  const p = run.progress;
  return (
    <section className="tr-run" data-testid="run-view" data-status={run.status}>
      <div className="tr-status">
        <span className={`tr-badge tr-${run.status}`} data-testid="run-status">{t(`training.status.${run.status}`)}</span>
        {run.backend && (
          <span className="tr-backend" data-testid="backend-info" title={[run.backend.reason, run.backend.threadsWhy].filter(Boolean).join('; ')}>
            {t('training.runsOn', { backend: run.backend.backend })}
            {run.backend.backend === 'wasm' && ` (${[run.backend.simd ? 'SIMD' : 'no SIMD', run.backend.threads ? t('training.threads') : t('training.singleThread')].join(', ')})`}
          </span>
        )}
      </div>
      {run.backend && <div className="tr-hint tr-reason">{run.backend.reason}</div>}
      {run.recovered && (
        <div className="tr-warn" data-testid="recovered" data-epoch={run.recovered.epoch}>
          {t(run.recovered.avoided ? 'training.recoveredElsewhere' : 'training.recovered', { why: run.recovered.why, epoch: run.recovered.epoch, backend: run.recovered.avoided ?? '' })}
        </div>
      )}
      {run.data && <div className="tr-hint" data-testid="data-info">{t('training.dataInfo', { name: run.data.name, train: run.data.train, val: run.data.val, test: run.data.test })}</div>}
      {run.data?.notes?.map((n) => <div key={n} className="tr-hint" data-testid="data-note">{n}</div>)}
      {p && (
        <div className="tr-progress" data-testid="progress" data-batch={p.batch}>
          <div className="tr-progress-head">
            <span>{t('training.epochOf', { epoch: p.epoch, epochs: p.epochs })}</span>
            <span>{p.batch}/{p.batches}</span>
            <span>{t('training.samplesPerSec', { n: Math.round(p.samplesPerSec) })}</span>
            <span>ETA {eta(p.etaSec)}</span>
          </div>
          <div className="tr-bar"><div style={{ width: `${(100 * p.batch) / p.batches}%` }} /></div>
          <div className="tr-logs">{fmtLogs(p.logs)}</div>
        </div>
      )}
      {run.epochs.length > 0 && (
        <ol className="tr-epochs" data-testid="epoch-logs">
          {run.epochs.map((e) => (
            <li key={e.epoch} data-epoch={e.epoch} data-samples-per-sec={e.samplesPerSec} data-seconds={e.seconds} data-step-ms={e.stepMs}>
              <b>{t('training.epochN', { epoch: e.epoch })}</b> {e.seconds.toFixed(1)}s · {Math.round(e.samplesPerSec)}/s · {e.stepMs.toFixed(1)} ms/step · lr {e.learningRate} · {fmtLogs(e.logs)}
              {e.best && <span className="tr-best" title={t('training.bestHelp')}> ★</span>}
            </li>
          ))}
        </ol>
      )}
      {run.result?.status === 'diverged' && run.result.diverged && (
        <div className="tr-error" data-testid="diverged">{t('training.diverged', { epoch: run.result.diverged.epoch, batch: run.result.diverged.batch, loss: String(run.result.diverged.loss) })}</div>
      )}
      {run.result?.status === 'early-stopped' && <div className="tr-hint">{t('training.earlyStopped', { epochs: run.result.epochsDone })}</div>}
      {run.message && <div className="tr-error" data-testid="run-message">{run.message === 'refused' ? t('training.refused') : run.message}</div>}
      {saved && <div className="tr-hint" data-testid="weights-saved">{t('training.weightsSaved', { epochs: savedEpochs, time: new Date(saved).toLocaleTimeString() })}</div>}
    </section>
  );
}
