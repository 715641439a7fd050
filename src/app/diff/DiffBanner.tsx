/** Over the canvas while comparing: what the open model is compared with, and the calls it no longer has (removed ones have no node to mark). */
import type { ModelDiff } from '../../engine/diff';
import { t } from '../i18n';
import { compareWith, type Baseline } from './diffStore';

export function DiffBanner({ baseline, diff }: { baseline: Baseline; diff: ModelDiff }) {
  const removed = diff.entries.filter((e) => e.status === 'removed');
  return (
    <div className="lf-diff-banner" data-testid="diff-banner">
      <span>{t('diff.summary', { label: baseline.label, ...diff.counts })}</span>
      {removed.length > 0 && (
        <span className="lf-diff-removed" data-testid="diff-banner-removed">
          {t('diff.removedList', { list: removed.map((e) => `${e.before!.name} (${e.before!.kind})`).join(', ') })}
        </span>
      )}
      <button type="button" onClick={() => compareWith(null)}>{t('diff.clear')}</button>
    </div>
  );
}
