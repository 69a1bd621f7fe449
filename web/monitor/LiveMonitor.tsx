import { useEffect, useState } from 'hono/jsx';
import type * as Y from 'yjs';
import { browserRuntime, openOperatorRoom } from '../../sdk/src/adapters/browser';
import {
  CHANNELS_MAP,
  CHECKS_MAP,
  type ChannelMonitor,
  type CheckResult,
  FORCE_SYNC_MAP,
  type ForceSyncResult,
  MINISHOP_MAP,
  type MiniShopMonitor,
} from '../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../shared/rooms';
import { adminCall, SessionEnded, type SignedInStaff } from '../backOffice/staffSession';
import { ChannelCards } from './ChannelCards';
import { ChecksPanel, forceSyncSummary } from './ChecksPanel';
import { Header } from './Header';
import { MiniShopPanel } from './MiniShopPanel';
import { SyncLog } from './SyncLog';

/** What the page shows of the `monitor` room, read again after each change to it. */
interface MonitorView {
  channels: Map<string, ChannelMonitor>;
  checks: Map<string, CheckResult>;
  miniShops: Map<string, MiniShopMonitor>;
  forceSync: Partial<ForceSyncResult>;
  /** How many times the room changed: the sync log refreshes after changes. */
  changes: number;
}

const viewOf = (doc: Y.Doc, changes: number): MonitorView => ({
  channels: new Map(doc.getMap<ChannelMonitor>(CHANNELS_MAP).entries()),
  checks: new Map(doc.getMap<CheckResult>(CHECKS_MAP).entries()),
  miniShops: new Map(doc.getMap<MiniShopMonitor>(MINISHOP_MAP).entries()),
  forceSync: doc.getMap(FORCE_SYNC_MAP).toJSON() as Partial<ForceSyncResult>,
  changes,
});

/** The live monitor: the `monitor` room through the storefront SDK's connection, and the operator's actions. */
export const LiveMonitor = ({
  staff,
  onSessionEnded,
  onLogOut,
}: {
  staff: SignedInStaff;
  onSessionEnded: (why: string) => void;
  onLogOut: () => void;
}) => {
  const [view, setView] = useState<MonitorView | null>(null);
  const [live, setLive] = useState(false);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState<'force' | 'checks' | null>(null);
  const [room, setRoom] = useState<ReturnType<typeof openOperatorRoom> | null>(null);

  const failed = (error: unknown) => {
    if (error instanceof SessionEnded) onSessionEnded('Your session has ended: sign in again.');
    else setResult(error instanceof Error ? error.message : String(error));
  };

  useEffect(() => {
    // No ticket: the socket's upgrade carries the session cookie, same origin.
    const monitor = openOperatorRoom({ url: location.origin, room: MONITOR_ROOM, runtime: browserRuntime() });
    setRoom(monitor);
    let changes = 0;
    const changed = () => {
      changes += 1;
      setView(viewOf(monitor.doc, changes));
    };
    monitor.doc.on('update', changed);
    const stop = monitor.status.subscribe((status) => setLive(status === 'online'));
    setView(viewOf(monitor.doc, 0));
    return () => {
      stop();
      monitor.doc.off('update', changed);
      monitor.close();
    };
  }, [staff.id]);

  useEffect(() => {
    if (typeof view?.forceSync.at === 'number') setResult(forceSyncSummary(view.forceSync as ForceSyncResult));
  }, [view?.forceSync.at]);

  const act = async (which: 'force' | 'checks', run: () => Promise<void>) => {
    setBusy(which);
    try {
      await run();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(null);
    }
  };
  const forceSync = () =>
    act('force', async () => {
      setResult('Force Sync running: re-reading D1…');
      setResult(forceSyncSummary(await adminCall<ForceSyncResult>('POST', '/api/admin/monitor/force-sync')));
    });
  const runChecks = () =>
    act('checks', async () => {
      await adminCall('POST', '/api/admin/monitor/checks');
    });

  return (
    <>
      <Header>
        <div class="actions" id="actions">
          <span id="live" class="live" data-live={live ? 'online' : 'offline'}>
            {live ? 'Live' : 'Reconnecting…'}
          </span>
          <button id="force-sync" class="primary" type="button" disabled={busy === 'force'} onClick={forceSync}>
            Force Sync
          </button>
          <span id="signed-in" class="who">
            {staff.name} ({staff.role})
          </span>
          <button
            id="logout"
            class="ghost"
            type="button"
            onClick={() => {
              room?.close();
              onLogOut();
            }}
          >
            Log out
          </button>
        </div>
      </Header>
      <main id="app">
        <ChannelCards channels={view?.channels ?? new Map()} />
        <div class="columns">
          <ChecksPanel
            checks={view?.checks ?? new Map()}
            result={result}
            running={busy === 'checks'}
            onRun={runChecks}
          />
          <SyncLog
            changes={view?.changes ?? 0}
            load={(query) => adminCall('GET', `/api/admin/monitor/log?${query}`)}
            onError={failed}
          />
        </div>
        <MiniShopPanel shops={view?.miniShops ?? new Map()} />
      </main>
    </>
  );
};
