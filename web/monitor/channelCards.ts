import uPlot from 'uplot';
import { CHANNELS, type Channel, CHANNEL_NAMES as NAMES } from '../../shared/channels';
import type { ChannelMonitor } from '../../shared/docs/monitor';

const COLORS: Record<Channel, string> = { pc: '#1f5fd6', h5: '#0f8b8d', mini: '#16834a', app: '#7a4fd1' };

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`);
const millis = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms)} ms`);

interface Card {
  root: HTMLElement;
  pill: HTMLElement;
  metrics: Record<'connected' | 'last' | 'p50' | 'p95', HTMLElement>;
  caption: HTMLElement;
  chart: uPlot;
  entry: ChannelMonitor | null;
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = '') => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
};

const metric = (list: HTMLElement, label: string, name: string): HTMLElement => {
  const box = element('div');
  const value = element('dd', '', '—');
  value.dataset.metric = name;
  box.append(element('dt', '', label), value);
  list.append(box);
  return value;
};

/**
 * A card per channel: its state ("Synced 0.42s", "Syncing 0.3s" counting up, "Lagging 1.4s"),
 * connections, last / p50 / p95 latency with the number of samples, and a uPlot chart of the
 * latest acknowledgements.
 */
export class ChannelCards {
  private readonly cards = new Map<Channel, Card>();
  /** Server clock minus this browser's clock, so a wait is timed on the server's clock. */
  private clockOffset = 0;

  constructor(container: HTMLElement) {
    for (const channel of CHANNELS) {
      const root = element('article', 'card');
      root.dataset.channel = channel;
      const head = element('div', 'card-head');
      const pill = element('span', 'pill', 'No data');
      pill.dataset.state = 'idle';
      head.append(element('h2', '', NAMES[channel]), pill);
      const list = element('dl', 'metrics');
      const metrics = {
        connected: metric(list, 'Online', 'connected'),
        last: metric(list, 'Last', 'last'),
        p50: metric(list, 'p50', 'p50'),
        p95: metric(list, 'p95', 'p95'),
      };
      const chartBox = element('div', 'chart');
      chartBox.setAttribute('aria-label', `${NAMES[channel]} latency over time`);
      const caption = element('p', 'chart-caption', 'Acknowledgement latency, ms');
      root.append(head, list, caption, chartBox);
      container.append(root);
      const chart = new uPlot(
        {
          width: 240,
          height: 90,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(100, max * 1.2)] } },
          axes: [
            { show: false },
            { size: 40, font: '11px system-ui', values: (_u, ticks) => ticks.map((t) => String(t)) },
          ],
          series: [{}, { stroke: COLORS[channel], fill: `${COLORS[channel]}22`, width: 2, points: { size: 4 } }],
        },
        [[], []],
        chartBox,
      );
      new ResizeObserver(() => chart.setSize({ width: chartBox.clientWidth, height: 90 })).observe(chartBox);
      this.cards.set(channel, { root, pill, metrics, caption, chart, entry: null });
    }
  }

  show(channel: Channel, entry: ChannelMonitor): void {
    const card = this.cards.get(channel);
    if (!card) return;
    this.clockOffset = entry.updatedAt - Date.now();
    card.entry = entry;
    card.metrics.connected.textContent = String(entry.connected);
    card.metrics.last.textContent = millis(entry.lastMs);
    card.metrics.p50.textContent = millis(entry.p50Ms);
    card.metrics.p95.textContent = millis(entry.p95Ms);
    // Storefronts acknowledge a sample of changes, so the percentiles say how many they rest on.
    card.caption.textContent = `Acknowledgement latency, ms · ${entry.samples} ${entry.samples === 1 ? 'sample' : 'samples'}`;
    card.chart.setData([entry.recent.map(([at]) => at / 1000), entry.recent.map(([, ms]) => ms)]);
    this.tick();
  }

  /** Updates the state pills; called often, so a wait's time so far counts up between updates. */
  tick(): void {
    const now = Date.now() + this.clockOffset;
    for (const { pill, entry } of this.cards.values()) {
      if (!entry) continue;
      const waited = entry.waitingSince === null ? null : Math.max(0, now - entry.waitingSince);
      // A channel still waiting past 1 s is lagging even before the next update says so.
      const state = waited !== null && waited >= 1000 ? 'lagging' : entry.state;
      const shown = entry.samples === 0 && state === 'synced' ? 'idle' : state;
      pill.dataset.state = shown;
      pill.textContent =
        shown === 'idle'
          ? 'No acks yet'
          : `${shown[0]?.toUpperCase()}${shown.slice(1)} ${seconds(waited ?? entry.lastMs)}`;
    }
  }
}
