// How `confident` is decided for this knowledge base: its own calibration (pseudo-questions
// scored with and without their article), the threshold in use, and the trade-off to move it.
import type { CalibrationPoint, CalibrationStatus } from '../api/types.js';
import { formatDateTime, formatPercent } from '../lib/format.js';
import { Alert } from './Alert.js';
import { Spinner } from './Spinner.js';

interface Props {
  status: CalibrationStatus | null;
  error: string | null;
  onTarget: (target: number | null) => void;
  onRecalibrate: () => void;
}

/** Expected false-confident rates an admin can pick from. */
const TARGETS = [0.02, 0.05, 0.08, 0.12, 0.15, 0.2, 0.3];
const W = 260;
const H = 150;
const PAD = 30;

export function CalibrationPanel({ status, error, onTarget, onRecalibrate }: Props) {
  const cal = status?.calibration ?? null;
  const busy = status?.state === 'running' || status?.state === 'pending';
  const options = cal ? TARGETS.map((t) => ({ target: t, point: pointFor(cal.curve, t) })) : [];
  return (
    <section class="card" aria-labelledby="calibration-title">
      <div class="page-head">
        <h2 id="calibration-title" class="card-title">
          Answer confidence
        </h2>
        <button type="button" class="btn btn-small" disabled={busy} aria-busy={busy} onClick={onRecalibrate}>
          {busy ? 'Calibrating…' : 'Recalibrate now'}
        </button>
      </div>
      <p class="muted">
        The AI answers only when it is confident the answer is in this knowledge base. Confidence is calibrated on the
        knowledge base itself: questions made from each article are searched with the article and without it, so the
        trade-off below is measured, not guessed. It is refitted in the background whenever articles change.
      </p>
      {error && <Alert>{error}</Alert>}
      {!status && !error && <Spinner label="Loading calibration" />}
      {status && (
        <p class="small" data-testid="calibration-state" role="status">
          {busy && status.progress && status.progress.total > 0
            ? `Calibrating: ${status.progress.done} of ${status.progress.total} questions scored…`
            : busy
              ? 'Calibration scheduled…'
              : status.state === 'failed'
                ? `Calibration failed: ${status.error ?? 'unknown error'}. Fixed thresholds are in use.`
                : cal
                  ? `${cal.pseudoQuestions} pseudo-questions from ${cal.articles} articles · calibrated \
${formatDateTime(cal.calibratedAt)}${status.upToDate ? '' : ' · articles changed since'}${
  status.decides ? '' : ` · advisory: below ${status.minArticles} articles the fixed thresholds still decide`
}`
                  : 'Not calibrated yet (fewer than two articles): fixed thresholds are in use.'}
        </p>
      )}
      {cal && status?.expected && (
        <>
          <dl class="calibration-stats" data-testid="calibration-expected">
            <div>
              <dt>Expected false-confident rate</dt>
              <dd>{formatPercent(status.expected.falseConfident)}</dd>
            </div>
            <div>
              <dt>Answerable questions answered</dt>
              <dd>{formatPercent(status.expected.confidentOnAnswerable)}</dd>
            </div>
            <div>
              <dt>Right article when answering</dt>
              <dd>{formatPercent(status.expected.rightAmongConfident)}</dd>
            </div>
            <div>
              <dt>Threshold</dt>
              <dd>{status.threshold?.toFixed(2)}</dd>
            </div>
          </dl>
          <div class="grid-2">
            <TradeOffChart curve={cal.curve} current={status.expected} />
            <div class="table-wrap">
              <table class="table" aria-label="Threshold trade-off">
                <thead>
                  <tr>
                    <th scope="col">False confident (answer missing)</th>
                    <th scope="col" class="num">
                      Answered
                    </th>
                    <th scope="col" class="num">
                      Right
                    </th>
                    <th scope="col">
                      <span class="sr-only">Choose</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {options.map(({ target, point }) => {
                    const chosen = Math.abs(status.targetFalseConfident - target) < 1e-9;
                    return (
                      <tr key={target} data-testid="calibration-option" class={chosen ? 'is-selected' : ''}>
                        <th scope="row">at most {formatPercent(target)}</th>
                        <td class="num">{formatPercent(point.confidentOnAnswerable)}</td>
                        <td class="num">{formatPercent(point.rightAmongConfident)}</td>
                        <td class="actions">
                          {chosen ? (
                            <span class="chip chip-ok">in use</span>
                          ) : (
                            <button type="button" class="btn btn-small" onClick={() => onTarget(target)}>
                              Use
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {status.customTarget !== null && (
                <button type="button" class="btn btn-small" onClick={() => onTarget(null)}>
                  Restore the default
                </button>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function pointFor(curve: CalibrationPoint[], target: number): CalibrationPoint {
  return curve.find((p) => p.falseConfident <= target) ?? curve[curve.length - 1]!;
}

/** Answered share (y) against false-confident share (x) over every threshold; the dot is the one in use. */
function TradeOffChart({ curve, current }: { curve: CalibrationPoint[]; current: CalibrationPoint }) {
  const x = (v: number) => PAD + v * (W - PAD - 8);
  const y = (v: number) => H - PAD + 8 - v * (H - PAD);
  const path = curve
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.falseConfident).toFixed(1)},${y(p.confidentOnAnswerable).toFixed(1)}`)
    .join(' ');
  return (
    <figure class="chart">
      <figcaption class="chart-title">Trade-off: more answers cost more false answers</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H + 12}`}
        class="chart-svg"
        role="img"
        aria-label={
          `At the current threshold: ${formatPercent(current.falseConfident)} false confident, ` +
          `${formatPercent(current.confidentOnAnswerable)} of answerable questions answered`
        }
      >
        <rect x={x(0)} y={y(1)} width={x(1) - x(0)} height={y(0) - y(1)} class="chart-track" />
        <path d={path} fill="none" class="chart-line" stroke="currentColor" stroke-width="2" />
        <circle cx={x(current.falseConfident)} cy={y(current.confidentOnAnswerable)} r="5" class="chart-dot" />
        <text x={x(0.5)} y={H + 8} class="chart-tick" text-anchor="middle">
          false confident →
        </text>
        <text
          x={6}
          y={y(0.5)}
          class="chart-tick"
          transform={`rotate(-90 6 ${y(0.5)})`}
          text-anchor="middle"
          dominant-baseline="hanging"
        >
          answered →
        </text>
      </svg>
    </figure>
  );
}
