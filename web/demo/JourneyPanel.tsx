import { CHANNEL_NAMES } from '../../shared/channels';
import type { JourneyStep } from './journey';

const STATUS_TEXT: Record<JourneyStep['status'], string> = {
  pending: 'Pending',
  running: 'Running…',
  done: 'Done',
  failed: 'Failed',
};

/** Emma's journey: the button, and per step its channel, status and the sync latency measured for it. */
export const JourneyPanel = ({
  steps,
  playing,
  onPlay,
}: {
  steps: readonly JourneyStep[];
  playing: boolean;
  onPlay: (() => void) | null;
}) => (
  <section class="demo-card demo-journey" aria-label="Emma's journey">
    <div class="demo-journey-head">
      <h2>Shopper Emma: one purchase across channels</h2>
      <button type="button" class="button" disabled={!onPlay || playing} onClick={() => onPlay?.()}>
        {playing ? 'Playing…' : "Play Emma's journey"}
      </button>
    </div>
    <table class="demo-steps">
      <thead>
        <tr>
          <th>Step</th>
          <th>Channel</th>
          <th>Status</th>
          <th>Sync latency</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step, i) => (
          <tr data-step={step.id} data-status={step.status}>
            <td>
              {i + 1}. {step.title}
              {step.note && <div class="demo-step-note muted">{step.note}</div>}
            </td>
            <td>{CHANNEL_NAMES[step.channel]}</td>
            <td>
              <span class="demo-status" data-status={step.status}>
                {STATUS_TEXT[step.status]}
              </span>
            </td>
            <td class="demo-latency">
              {step.latencyMs === null ? (
                '—'
              ) : (
                <span data-latency-ms={step.latencyMs} title={`seen on ${CHANNEL_NAMES[step.seenOn]}`}>
                  {step.latencyMs} ms
                  <span class="muted"> → {CHANNEL_NAMES[step.seenOn]}</span>
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);
