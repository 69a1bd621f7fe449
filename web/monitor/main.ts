import 'uplot/dist/uPlot.min.css';
import './monitor.css';
import { browserRuntime, openOperatorRoom } from '../../sdk/src/adapters/browser';
import { isChannel } from '../../shared/channels';
import {
  CHANNELS_MAP,
  CHECKS_MAP,
  type ChannelMonitor,
  type CheckName,
  type CheckResult,
  FORCE_SYNC_MAP,
  type ForceSyncResult,
  MINISHOP_MAP,
  type MiniShopMonitor,
} from '../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../shared/rooms';
import { ChannelCards } from './channelCards';
import { forceSyncSummary, showCheck } from './checksPanel';
import { showMiniShops } from './miniShopPanel';
import { adminCall, forgetToken, keepToken, storedToken, TokenRefused } from './session';
import { SyncLog } from './syncLog';

/** How long the log waits after a monitor change before it is fetched again (changes come in bursts). */
const LOG_REFRESH_MS = 800;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const signIn = (message = '') => {
  forgetToken();
  byId('app').hidden = true;
  byId('actions').hidden = true;
  byId('login').hidden = false;
  byId('login-error').textContent = message;
};

/** Subscribes to the `monitor` room through the storefront SDK's connection and keeps the page live. */
const open = (token: string) => {
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('actions').hidden = false;
  const failed = (error: unknown) => {
    if (error instanceof TokenRefused) signIn('The hub no longer accepts this token.');
    else byId('force-result').textContent = error instanceof Error ? error.message : String(error);
  };

  const monitor = openOperatorRoom({ url: location.origin, token, room: MONITOR_ROOM, runtime: browserRuntime() });
  const { doc } = monitor;
  const live = byId('live');
  monitor.status.subscribe((status) => {
    live.dataset.live = status === 'online' ? 'online' : 'offline';
    live.textContent = status === 'online' ? 'Live' : 'Reconnecting…';
  });

  const cards = new ChannelCards(byId('channels'));
  const channels = doc.getMap<ChannelMonitor>(CHANNELS_MAP);
  const checks = doc.getMap<CheckResult>(CHECKS_MAP);
  const forceSync = doc.getMap<unknown>(FORCE_SYNC_MAP);
  const miniShops = doc.getMap<MiniShopMonitor>(MINISHOP_MAP);
  const log = new SyncLog(byId('log'), byId('log-more'), (query) =>
    adminCall(token, 'GET', `/api/admin/monitor/log?${query}`),
  );
  let logTimer: ReturnType<typeof setTimeout> | null = null;
  const refreshLogSoon = () => {
    if (logTimer !== null) return;
    logTimer = setTimeout(() => {
      logTimer = null;
      log.refresh().catch(failed);
    }, LOG_REFRESH_MS);
  };

  channels.observe(() => {
    for (const [channel, entry] of channels.entries()) if (isChannel(channel)) cards.show(channel, entry);
    refreshLogSoon();
  });
  checks.observe(() => {
    for (const [name, result] of checks.entries()) showCheck(byId('checks-table'), name as CheckName, result);
    refreshLogSoon();
  });
  miniShops.observe(() => {
    showMiniShops(byId('minishop-panel'), byId('minishop'), new Map(miniShops.entries()));
    refreshLogSoon();
  });
  forceSync.observe(() => {
    const last = forceSync.toJSON() as ForceSyncResult;
    if (typeof last.at === 'number') byId('force-result').textContent = forceSyncSummary(last);
  });
  setInterval(() => cards.tick(), 100);
  log.refresh().catch(failed);

  const busy = async (button: HTMLButtonElement, run: () => Promise<void>) => {
    button.disabled = true;
    try {
      await run();
    } catch (error) {
      failed(error);
    } finally {
      button.disabled = false;
    }
  };
  const forceButton = byId<HTMLButtonElement>('force-sync');
  forceButton.addEventListener('click', () =>
    busy(forceButton, async () => {
      byId('force-result').textContent = 'Force Sync running: re-reading D1…';
      const result = await adminCall<ForceSyncResult>(token, 'POST', '/api/admin/monitor/force-sync');
      byId('force-result').textContent = forceSyncSummary(result);
    }),
  );
  const checkButton = byId<HTMLButtonElement>('run-checks');
  checkButton.addEventListener('click', () =>
    busy(checkButton, async () => {
      await adminCall(token, 'POST', '/api/admin/monitor/checks');
    }),
  );
  byId('logout').addEventListener('click', () => {
    monitor.close();
    forgetToken();
    location.reload();
  });
};

byId<HTMLFormElement>('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = byId<HTMLInputElement>('token').value.trim();
  try {
    await adminCall(token, 'GET', '/api/admin/monitor/log?limit=1');
  } catch (error) {
    byId('login-error').textContent =
      error instanceof TokenRefused ? 'That token is not an admin token.' : String(error);
    return;
  }
  keepToken(token);
  open(token);
});

const token = storedToken();
if (token) open(token);
else signIn();
