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

/** What a page shows of the `monitor` room, read again after each change to it. */
export interface MonitorView {
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

/**
 * The `monitor` room, live through the storefront SDK's connection, for as long as the component
 * is shown to the staff member `staffId`: the monitoring page's board and the back office's Mini-Shop screen.
 */
export const useMonitorRoom = (staffId: string): { view: MonitorView | null; live: boolean } => {
  const [view, setView] = useState<MonitorView | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    // No ticket: the socket's upgrade carries the session cookie, same origin.
    const monitor = openOperatorRoom({ url: location.origin, room: MONITOR_ROOM, runtime: browserRuntime() });
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
  }, [staffId]);
  return { view, live };
};
