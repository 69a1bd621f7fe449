import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'hono/jsx';
import uPlot from 'uplot';
import type { Dashboard } from '../../../../shared/api/dashboard';
import { CHANNEL_NAMES, CHANNELS } from '../../../../shared/channels';
import { CHANNEL_COLORS } from './channelColors';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const HEIGHT = 220;
/**
 * The chart drawn in each box. The page may run the drawing effect again on a box it keeps
 * (seen on the dashboard: a second chart under the first), so the box's earlier chart goes first.
 */
const drawn = new WeakMap<HTMLElement, { plot: uPlot; resize: ResizeObserver }>();

const undraw = (element: HTMLElement) => {
  const earlier = drawn.get(element);
  earlier?.resize.disconnect();
  earlier?.plot.destroy();
  drawn.delete(element);
};

/** Today's orders per China-time hour, a line per channel, redrawn as the figures change. */
export const HourlyChart = ({ hourly }: { hourly: Dashboard['hourly'] }) => {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    undraw(element);
    const plot = new uPlot(
      {
        width: element.clientWidth || 600,
        height: HEIGHT,
        cursor: { show: false },
        legend: { show: true, live: false },
        scales: { x: { time: false, range: [0, 23] }, y: { range: (_u, _min, max) => [0, Math.max(4, max + 1)] } },
        axes: [
          { values: (_u, ticks) => ticks.map((hour) => `${String(hour).padStart(2, '0')}:00`), font: '11px system-ui' },
          { size: 36, font: '11px system-ui', incrs: [1, 2, 5, 10, 20, 50, 100] },
        ],
        series: [
          { label: 'Hour' },
          ...CHANNELS.map((channel) => ({
            label: CHANNEL_NAMES[channel],
            stroke: CHANNEL_COLORS[channel],
            width: 2,
            points: { size: 5 },
          })),
        ],
      },
      [HOURS, ...CHANNELS.map(() => HOURS.map(() => 0))],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    drawn.set(element, { plot, resize });
    return () => undraw(element);
  }, []);
  useEffect(() => {
    const element = box.current;
    if (element) drawn.get(element)?.plot.setData([HOURS, ...CHANNELS.map((channel) => hourly[channel])]);
  }, [hourly]);
  return <div class="hourly-chart" ref={box} role="img" aria-label="Orders per hour today, by channel" />;
};
