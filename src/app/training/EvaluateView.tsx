/** evaluate() on the test split: the losses and metrics, and a confusion matrix per classifier output. */
import { t } from '../i18n';
import { useRun } from './run';

function Confusion({ name, m, classes }: { name: string; m: number[][]; classes?: string[] }) {
  const max = Math.max(1, ...m.flat());
  const total = m.flat().reduce((a, b) => a + b, 0);
  const right = m.reduce((a, row, i) => a + row[i], 0);
  return (
    <figure className="tr-confusion" data-testid={`confusion-${name}`}>
      <figcaption>
        {t('training.confusion', { name })} — {t('training.correct', { right, total })}
      </figcaption>
      <table>
        <thead>
          <tr>
            <th title={t('training.confusionAxes')}>↓{t('training.true')} / {t('training.predicted')}→</th>
            {m.map((_, j) => (
              <th key={j}>{classes?.[j] ?? j}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.map((row, i) => (
            <tr key={i}>
              <th>{classes?.[i] ?? i}</th>
              {row.map((v, j) => (
                <td key={j} style={{ background: `color-mix(in srgb, ${i === j ? 'var(--ok)' : 'var(--danger)'} ${Math.round((100 * v) / max)}%, transparent)` }}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function EvaluateView() {
  const ev = useRun((s) => s.evaluation);
  const classNames = useRun((s) => s.data?.classNames);
  if (!ev) return null;
  return (
    <section className="tr-eval" data-testid="evaluation">
      <h4>{t('training.testResults')}</h4>
      <dl>
        {Object.entries(ev.logs).map(([k, v]) => (
          <div key={k} data-testid={`eval-${k}`} data-value={v}>
            <dt>{k}</dt>
            <dd>{v.toFixed(4)}</dd>
          </div>
        ))}
      </dl>
      {Object.entries(ev.confusion).map(([name, m]) => (
        <Confusion key={name} name={name} m={m} classes={classNames?.[name]} />
      ))}
    </section>
  );
}
