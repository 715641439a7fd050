/**
 * The Train tab: compile and fit settings, data, the live run (progress, charts), evaluate and
 * predict. All tfjs work happens in the training worker; this panel only sends messages.
 */
import { useEffect } from 'react';
import { hasErrors } from '../../engine/issues';
import { t, useLang } from '../i18n';
import { useAnalysis } from '../store/analysis';
import { useDocument } from '../store/document';
import { useSession } from '../projects/session';
import { projectKeyOf } from '../custom/approval';
import { Charts } from './Charts';
import { CompileForm } from './CompileForm';
import { DataForm } from './DataForm';
import { EvaluateView } from './EvaluateView';
import { FitForm } from './FitForm';
import { PredictPanel } from './PredictPanel';
import { RunView } from './RunView';
import { dataSpec, useDataChoice } from './dataChoice';
import { evaluate, resetRun, stop, train, useRun } from './run';
import { openWeights, useWeights } from './weightStore';
import './training.css';

export function TrainingPanel() {
  useLang();
  const status = useRun((s) => s.status);
  const runModel = useRun((s) => s.modelId);
  const epochCount = useRun((s) => s.epochs.length);
  const activeModel = useDocument((s) => s.activeModel);
  const doc = useDocument((s) => s.doc);
  const libraryId = useSession((s) => s.currentId);
  const analysis = useAnalysis();
  const choice = useDataChoice();
  const hasWeights = useWeights((s) => s.weights !== null);
  useEffect(() => void openWeights(projectKeyOf(libraryId, doc)), [libraryId, doc]);

  const busy = status === 'preparing' || status === 'running' || status === 'stopping';
  const modelIssues = analysis.models[activeModel]?.issues ?? [];
  const spec = dataSpec(choice);
  const blocked = hasErrors(modelIssues) ? t('training.fixModel') : !spec ? t('training.chooseData') : null;
  const trained = runModel === activeModel && (epochCount > 0 || status === 'stopped' || status === 'completed');

  return (
    <div className="tr-panel" data-testid="training-panel">
      <div className="tr-actions">
        {!busy ? (
          <button className="tr-primary" disabled={!!blocked} title={blocked ?? undefined} onClick={() => spec && void train(spec)} data-testid="train-button">
            {hasWeights ? t('training.trainMore') : t('training.train')}
          </button>
        ) : (
          <button className="tr-danger" onClick={stop} disabled={status !== 'running'} data-testid="stop-button">
            {t('training.stop')}
          </button>
        )}
        <button onClick={evaluate} disabled={busy || !trained} data-testid="evaluate-button">
          {t('training.evaluate')}
        </button>
        <button onClick={() => void resetRun()} disabled={busy || (!hasWeights && !trained)} title={t('training.resetHelp')} data-testid="reset-button">
          {t('training.reset')}
        </button>
      </div>
      {blocked && <div className="tr-hint">{blocked}</div>}
      {/* The settings come before the run and its charts: after a run, changing one needs no scrolling past them; they fold away to show the run first. */}
      <details className="tr-settings" open data-testid="train-settings">
        <summary>{t('training.settings')}</summary>
        <DataForm disabled={busy} />
        <CompileForm disabled={busy} />
        <FitForm disabled={busy} />
      </details>
      <RunView />
      <Charts />
      <EvaluateView />
      <PredictPanel />
    </div>
  );
}
