import { useEffect, useRef, useState } from 'hono/jsx';
import uPlot from 'uplot';
import { CHANNELS, type Channel, CHANNEL_NAMES as NAMES } from '../../shared/channels';
import type { ChannelMonitor } from '../../shared/docs/monitor';

const COLORS: Record<Channel, string> = { pc: '#1f5fd6', h5: '#0f8b8d', mini: '#16834a', app: '#7a4fd1' };

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`);
const millis = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms)} ms`);

/** How often the state pills are recomputed, so a wait's time so far counts up between updates. */
const TICK_MS = 100;

/** The state pill: "Synced 0.42s", "Syncing 0.3s" counting up, "Lagging 1.4s"; `now` is on the server's clock. */
const pillOf = (entry: ChannelMonitor | undefined, now: number): { state: string; text: string } => {
  if (!entry) return { state: 'idle', text: 'No data' };
  const waited = entry.waitingSince === null ? null : Math.max(0, now - entry.waitingSince);
  // A channel still waiting past 1 s is lagging even before the next update says so.
  const state = waited !== null && waited >= 1000 ? 'lagging' : entry.state;
  const shown = entry.samples === 0 && state === 'synced' ? 'idle' : state;
  return {
    state: shown,
    text:
      shown === 'idle'
        ? 'No acks yet'
        : `${shown[0]?.toUpperCase()}${shown.slice(1)} ${seconds(waited ?? entry.lastMs)}`,
  };
};

/** A uPlot chart of a channel's latest acknowledgements. */
const LatencyChart = ({ channel, recent }: { channel: Channel; recent: ChannelMonitor['recent'] }) => {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: 240,
        height: 90,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(100, max * 1.2)] } },
        axes: [{ show: false }, { size: 40, font: '11px system-ui', values: (_u, ticks) => ticks.map(String) }],
        series: [{}, { stroke: COLORS[channel], fill: `${COLORS[channel]}22`, width: 2, points: { size: 4 } }],
      },
      [[], []],
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 90 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, []);
  useEffect(() => {
    chart.current?.setData([recent.map(([at]) => at / 1000), recent.map(([, ms]) => ms)]);
  }, [recent]);
  return <div class="chart" ref={box} role="img" aria-label={`${NAMES[channel]} latency over time`} />;
};

/**
 * A card per channel: its state, connections, last / p50 / p95 latency with the number of
 * samples (storefronts acknowledge a sample of changes), and a chart of the latest acknowledgements.
 */
export const ChannelCards = ({ channels }: { channels: Map<string, ChannelMonitor> }) => {
  const [now, setNow] = useState(Date.now());
  // Server clock minus this browser's: waits are timed on the server's clock.
  const offset = [...channels.values()].reduce((latest, e) => Math.max(latest, e.updatedAt), 0);
  const [clockOffset, setClockOffset] = useState(0);
  useEffect(() => {
    if (offset > 0) setClockOffset(offset - Date.now());
  }, [offset]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <section class="channels" aria-label="Channels">
      {CHANNELS.map((channel) => {
        const entry = channels.get(channel);
        const pill = pillOf(entry, now + clockOffset);
        const samples = entry?.samples ?? 0;
        return (
          <article class="card" data-channel={channel}>
            <div class="card-head">
              <h2>{NAMES[channel]}</h2>
              <span class="pill" data-state={pill.state}>
                {pill.text}
              </span>
            </div>
            <dl class="metrics">
              {(
                [
                  ['Online', 'connected', entry ? String(entry.connected) : '—'],
                  ['Last', 'last', millis(entry?.lastMs ?? null)],
                  ['p50', 'p50', millis(entry?.p50Ms ?? null)],
                  ['p95', 'p95', millis(entry?.p95Ms ?? null)],
                ] as const
              ).map(([label, name, value]) => (
                <div>
                  <dt>{label}</dt>
                  <dd data-metric={name}>{value}</dd>
                </div>
              ))}
            </dl>
            <p class="chart-caption">
              {entry
                ? `Acknowledgement latency, ms · ${samples} ${samples === 1 ? 'sample' : 'samples'}`
                : 'Acknowledgement latency, ms'}
            </p>
            <LatencyChart channel={channel} recent={entry?.recent ?? []} />
          </article>
        );
      })}
    </section>
  );
};
