/** predict(): draw a digit (MNIST-shaped models) or pick test samples; class probabilities per output. */
import { useEffect, useRef } from 'react';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { analysisOf } from '../store/analysis';
import { predictInput, predictRows, useRun } from './run';

const SIDE = 28;
const SCALE = 7;

/** Whether the active model takes one 28×28 grey image (flat 784 or 28×28×1). */
function takesDigit(): boolean {
  const { doc, activeModel } = useDocument.getState();
  const a = analysisOf(doc).models[activeModel];
  if (!a || a.inputs.length !== 1) return false;
  const s = a.nodes[a.inputs[0]]?.outputShapes[0]?.slice(1).join('x');
  return s === '784' || s === '28x28' || s === '28x28x1';
}

function Thumb({ values }: { values: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || values.length !== SIDE * SIDE) return;
    const img = ctx.createImageData(SIDE, SIDE);
    values.forEach((v, i) => {
      const g = Math.round(255 * Math.min(1, Math.max(0, v)));
      img.data.set([g, g, g, 255], i * 4);
    });
    ctx.putImageData(img, 0, 0);
  }, [values]);
  return values.length === SIDE * SIDE ? <canvas ref={ref} width={SIDE} height={SIDE} className="tr-thumb" /> : null;
}

function DrawPad() {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const clear = () => {
    const ctx = ref.current!.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIDE * SCALE, SIDE * SCALE);
  };
  useEffect(clear, []);
  const stroke = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const r = e.currentTarget.getBoundingClientRect();
    const ctx = e.currentTarget.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(((e.clientX - r.left) * e.currentTarget.width) / r.width, ((e.clientY - r.top) * e.currentTarget.height) / r.height, SCALE * 1.4, 0, Math.PI * 2);
    ctx.fill();
  };
  const submit = () => {
    // Downscale to 28×28 as MNIST digits are: grey values in [0, 1].
    const small = document.createElement('canvas');
    small.width = small.height = SIDE;
    const ctx = small.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(ref.current!, 0, 0, SIDE, SIDE);
    const px = ctx.getImageData(0, 0, SIDE, SIDE).data;
    predictInput(Float32Array.from({ length: SIDE * SIDE }, (_, i) => px[i * 4] / 255));
  };
  return (
    <div className="tr-draw">
      <canvas
        ref={ref}
        width={SIDE * SCALE}
        height={SIDE * SCALE}
        data-testid="draw-pad"
        onPointerDown={(e) => {
          drawing.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          stroke(e);
        }}
        onPointerMove={stroke}
        onPointerUp={() => {
          drawing.current = false;
          submit();
        }}
      />
      <button type="button" onClick={clear}>{t('training.clear')}</button>
    </div>
  );
}

export function PredictPanel() {
  const preds = useRun((s) => s.predictions);
  const testCount = useRun((s) => s.data?.test ?? 0);
  const classNames = useRun((s) => s.data?.classNames);
  const ready = useRun((s) => s.modelId !== null && s.status !== 'preparing' && s.status !== 'running' && s.status !== 'stopping' && s.epochs.length + (s.result ? 1 : 0) > 0);
  useDocument((s) => s.doc);
  if (!ready) return null;
  const pick = () => predictRows(Array.from({ length: Math.min(8, testCount) }, () => Math.floor(Math.random() * testCount)));
  return (
    <section className="tr-predict" data-testid="predict-panel">
      <h4>{t('training.predict')}</h4>
      {takesDigit() && <DrawPad />}
      {testCount > 0 && (
        <button type="button" onClick={pick} data-testid="pick-samples">
          {t('training.pickSamples')}
        </button>
      )}
      {preds && (
        <ul className="tr-preds" data-testid="predictions">
          {preds.samples.map((s, i) => (
            <li key={i}>
              <Thumb values={s.input} />
              {preds.predictions.map((p) => {
                const k = p.shape.reduce((a, b) => a * b, 1);
                const probs = Array.from(p.values.subarray(i * k, (i + 1) * k));
                const top = probs.indexOf(Math.max(...probs));
                const names = classNames?.[p.name];
                return (
                  <div key={p.name} className="tr-pred" data-testid={`pred-${p.name}`} data-top={top}>
                    <div>
                      <code>{p.name}</code>{' '}
                      {k > 1 ? <b>{names?.[top] ?? top}</b> : <b>{probs[0].toFixed(3)}</b>}
                      {s.label && p.name in s.label && <span className={s.label[p.name] === top ? 'tr-right' : 'tr-wrong'}> ({t('training.true')}: {names?.[s.label[p.name]] ?? s.label[p.name]})</span>}
                    </div>
                    {k > 1 && k <= 20 && (
                      <div className="tr-probs">
                        {probs.map((v, j) => (
                          <span key={j} title={`${names?.[j] ?? j}: ${(100 * v).toFixed(1)}%`}>
                            <i style={{ height: `${Math.max(1, 100 * v)}%` }} className={j === top ? 'top' : undefined} />
                            <small>{names?.[j] ?? j}</small>
                          </span>
                        ))}
                      </div>
                    )}
                  </div>
                );
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
