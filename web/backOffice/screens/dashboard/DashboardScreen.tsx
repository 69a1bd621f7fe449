import './dashboard.css';
import type { Dashboard } from '../../../../shared/api/dashboard';
import { CHANNEL_NAMES, CHANNELS, type Channel } from '../../../../shared/channels';
import { yuan } from '../../../../shared/money';
import { ActionNotice } from '../../refusals';
import { Link, screenHref } from '../../router';
import type { ScreenProps } from '../../screens';
import { CHANNEL_COLORS } from './channelColors';
import { HourlyChart } from './HourlyChart';
import { useDashboard } from './useDashboard';

const total = (figures: Dashboard, figure: 'orders' | 'gmv' | 'payingShoppers') =>
  CHANNELS.reduce((sum, channel) => sum + figures.channels[channel][figure], 0);

/** Today per channel: orders, GMV, paying shoppers and shoppers online, with the day's totals. */
const TodayTable = ({ figures, shoppers }: { figures: Dashboard; shoppers: Record<Channel, number> | null }) => (
  <section class="panel" aria-labelledby="today-title">
    <h2 id="today-title">Today by channel</h2>
    <div class="table-scroll">
      <table class="grid" id="today-by-channel">
        <thead>
          <tr>
            <th>Channel</th>
            <th class="number">Orders</th>
            <th class="number">GMV</th>
            <th class="number">Paying shoppers</th>
            <th class="number">Shoppers online</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((channel) => (
            <tr data-channel={channel}>
              <td>
                <span class="channel-dot" style={`background:${CHANNEL_COLORS[channel]}`} aria-hidden="true" />
                {CHANNEL_NAMES[channel]}
              </td>
              <td class="number" data-figure="orders">
                {figures.channels[channel].orders}
              </td>
              <td class="number" data-figure="gmv">
                {yuan(figures.channels[channel].gmv)}
              </td>
              <td class="number" data-figure="paying">
                {figures.channels[channel].payingShoppers}
              </td>
              <td class="number" data-figure="online">
                {shoppers ? shoppers[channel] : '—'}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-channel="all">
            <th>All channels</th>
            <th class="number">{total(figures, 'orders')}</th>
            <th class="number">{yuan(total(figures, 'gmv'))}</th>
            <th class="number">{total(figures, 'payingShoppers')}</th>
            <th class="number">{shoppers ? CHANNELS.reduce((sum, c) => sum + shoppers[c], 0) : '—'}</th>
          </tr>
        </tfoot>
      </table>
    </div>
    <p class="muted footnote">
      Orders: placed today. GMV and paying shoppers: orders paid today. Shoppers online: shoppers with their cart or
      account open on that channel now, each counted once however many tabs they have open.
    </p>
  </section>
);

/** What waits for the staff, each a way into the orders or the list it counts. */
const ToDo = ({ toDo }: { toDo: Dashboard['toDo'] }) => (
  <section class="panel" aria-labelledby="to-do-title">
    <h2 id="to-do-title">To do</h2>
    <dl class="stats" id="to-do">
      <div class="stat" data-to-do="to-ship">
        <dt>Paid, to ship</dt>
        <dd>
          <Link href={screenHref('/orders', { status: 'paid' })}>{toDo.toShip}</Link>
        </dd>
      </div>
      <div class="stat" data-to-do="expiring">
        <dt>Unpaid, expiring within {Math.round(toDo.expiringWithinMs / 60_000)} min</dt>
        <dd>
          <Link href={screenHref('/orders', { status: 'unpaid' })}>{toDo.unpaidExpiring}</Link>
        </dd>
      </div>
      <div class="stat" data-to-do="low-stock">
        <dt>Listed SKUs with {toDo.lowStockAt} or fewer left</dt>
        <dd>{toDo.lowStock}</dd>
      </div>
    </dl>
  </section>
);

/** The first screen: today's trade per channel, live, what waits to be done, and orders by hour. */
export const DashboardScreen = ({ staff }: ScreenProps) => {
  const { figures, shoppers, live, load } = useDashboard(staff.id);
  return (
    <>
      <header class="screen-head">
        <h1>Dashboard</h1>
        <p class="muted">
          {figures ? `Today, ${figures.day} (China time)` : 'Today (China time)'}{' '}
          <span class="badge" data-tone={live ? 'ok' : 'muted'} id="dashboard-live">
            {live ? 'Live' : 'Connecting…'}
          </span>
        </p>
      </header>
      <ActionNotice action={load} />
      {figures && (
        <>
          <TodayTable figures={figures} shoppers={shoppers} />
          <ToDo toDo={figures.toDo} />
          <section class="panel" aria-labelledby="hourly-title">
            <h2 id="hourly-title">Orders per hour today</h2>
            <HourlyChart hourly={figures.hourly} />
          </section>
        </>
      )}
    </>
  );
};
