import { type Child, useEffect, useState } from 'hono/jsx';
import type { ForceSyncResult } from '../../shared/docs/monitor';
import { adminCall, SessionEnded } from '../backOffice/staffSession';
import { ChannelCards } from './ChannelCards';
import { ChecksPanel, forceSyncSummary } from './ChecksPanel';
import { MiniShopPanel } from './MiniShopPanel';
import { useMonitorRoom } from './monitorRoom';
import { SyncLog } from './SyncLog';

/** The root class every monitor style is scoped under (`monitor.css`), so a page embedding the board keeps its own look. */
export const MONITOR_ROOT_CLASS = 'sync-monitor';

/**
 * The live board: the channel cards, the consistency checks, the sync log and the Mini-Shop runs,
 * with the live state and Force Sync as its controls. `frame` places the controls and the board:
 * the monitoring page in its title bar, the back office in its screen's head.
 */
export const MonitorBoard = ({
  staffId,
  onSessionEnded,
  frame,
}: {
  staffId: string;
  onSessionEnded: (why: string) => void;
  frame: (controls: Child, board: Child) => Child;
}) => {
  const { view, live } = useMonitorRoom(staffId);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState<'force' | 'checks' | null>(null);

  const failed = (error: unknown) => {
    if (error instanceof SessionEnded) onSessionEnded('Your session has ended: sign in again.');
    else setResult(error instanceof Error ? error.message : String(error));
  };

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

  const controls = (
    <>
      <span id="live" class="live" data-live={live ? 'online' : 'offline'}>
        {live ? 'Live' : 'Reconnecting…'}
      </span>
      <button id="force-sync" class="primary" type="button" disabled={busy === 'force'} onClick={forceSync}>
        Force Sync
      </button>
    </>
  );
  const board = (
    <>
      <ChannelCards channels={view?.channels ?? new Map()} />
      <div class="columns">
        <ChecksPanel checks={view?.checks ?? new Map()} result={result} running={busy === 'checks'} onRun={runChecks} />
        <SyncLog
          changes={view?.changes ?? 0}
          load={(query) => adminCall('GET', `/api/admin/monitor/log?${query}`)}
          onError={failed}
        />
      </div>
      <MiniShopPanel shops={view?.miniShops ?? new Map()} />
    </>
  );
  return frame(controls, board);
};
