import { useEffect, useState } from 'hono/jsx';
import { browserRuntime, openOperatorRoom } from '../../../../sdk/src/adapters/browser';
import type { Dashboard } from '../../../../shared/api/dashboard';
import { CHANNELS, type Channel } from '../../../../shared/channels';
import { ACTIVITY_MAP, type ActivityMonitor, CHANNELS_MAP, type ChannelMonitor } from '../../../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../../../shared/rooms';
import { useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

export interface LiveDashboard {
  figures: Dashboard | null;
  /** Per channel, shoppers online now (`ChannelMonitor.shoppers`); null until the monitor room has said. */
  shoppers: Record<Channel, number> | null;
  live: boolean;
  load: ReturnType<typeof useAction>;
}

/**
 * The dashboard's figures, read again whenever the `monitor` room says an order changed
 * (`ActivityMonitor.ordersChangedAt`): a burst of changes costs one read in flight and one after
 * it, never a read per change; the shoppers online come from the room itself.
 */
export const useDashboard = (staffId: string): LiveDashboard => {
  const [figures, setFigures] = useState<Dashboard | null>(null);
  const [shoppers, setShoppers] = useState<Record<Channel, number> | null>(null);
  const [live, setLive] = useState(false);
  const load = useAction();
  useEffect(() => {
    let reading = false;
    let readAgain = false;
    const read = async (): Promise<void> => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      await load.run(async () => setFigures(await adminCall<Dashboard>('GET', '/api/admin/dashboard')));
      reading = false;
      if (readAgain) {
        readAgain = false;
        await read();
      }
    };
    // The page's own socket rides on the staff cookie, as the monitor's does (`web/monitor/LiveMonitor.tsx`).
    const monitor = openOperatorRoom({ url: location.origin, room: MONITOR_ROOM, runtime: browserRuntime() });
    let ordersChangedAt: number | undefined;
    const changed = () => {
      const channels = monitor.doc.getMap<ChannelMonitor>(CHANNELS_MAP);
      if (channels.size > 0) {
        setShoppers(
          Object.fromEntries(CHANNELS.map((c) => [c, channels.get(c)?.shoppers ?? 0])) as Record<Channel, number>,
        );
      }
      const activity = monitor.doc.getMap(ACTIVITY_MAP).toJSON() as ActivityMonitor;
      if (activity.ordersChangedAt !== undefined && activity.ordersChangedAt !== ordersChangedAt) {
        ordersChangedAt = activity.ordersChangedAt;
        void read();
      }
    };
    monitor.doc.on('update', changed);
    const stop = monitor.status.subscribe((status) => setLive(status === 'online'));
    void read();
    return () => {
      stop();
      monitor.doc.off('update', changed);
      monitor.close();
    };
  }, [staffId]);
  return { figures, shoppers, live, load };
};
