import { expect } from 'vitest';
import type { Channel } from '../../shared/channels';
import {
  CHANNELS_MAP,
  CHECKS_MAP,
  type ChannelMonitor,
  type CheckSweep,
  type Checks,
  type ForceSyncResult,
} from '../../shared/docs/monitor';
import { admin } from './hub';
import { RoomClient } from './roomClient';
import { monitorUpgrade, socketTicket } from './staff';

/** Runs the consistency checks as an operator does (`changed`, the default, or the `full` sweep). */
export const runChecks = async (sweep?: CheckSweep): Promise<Checks> => {
  const response = await admin('POST', `/api/admin/monitor/checks${sweep ? `?sweep=${sweep}` : ''}`);
  expect(response.status).toBe(200);
  return response.json();
};

export const forceSync = async (): Promise<ForceSyncResult> => {
  const response = await admin('POST', '/api/admin/monitor/force-sync');
  expect(response.status).toBe(200);
  return response.json();
};

/** The `monitor` room, as a script subscribes to it (a single-use ticket, read-only). */
export const monitorClient = async () =>
  RoomClient.over(await monitorUpgrade(`&ticket=${encodeURIComponent(await socketTicket())}`));

export const channelOf = (monitor: RoomClient, channel: Channel): ChannelMonitor | undefined =>
  monitor.doc.getMap<ChannelMonitor>(CHANNELS_MAP).get(channel);

export const checksOf = (monitor: RoomClient): Partial<Checks> =>
  monitor.doc.getMap(CHECKS_MAP).toJSON() as Partial<Checks>;

/** Resolves once the monitor shows `channel` as `check` wants it. */
export const untilChannel = (
  monitor: RoomClient,
  channel: Channel,
  check: (entry: ChannelMonitor) => boolean,
  what: string,
  timeoutMs?: number,
) =>
  monitor.until(
    () => {
      const entry = channelOf(monitor, channel);
      return entry !== undefined && check(entry);
    },
    `${channel}: ${what}`,
    timeoutMs,
  );

interface LoggedEvent {
  kind: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** Resolves with the first sync-log event `match` takes, polling the log API; rejects after `timeoutMs`. */
export const untilLogged = async (match: (event: LoggedEvent) => boolean, what: string, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await admin('GET', '/api/admin/monitor/log?limit=100');
    const found = ((await response.json()) as { events: LoggedEvent[] }).events.find(match);
    if (found) return found;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for the log to show ${what}`);
    await scheduler.wait(50);
  }
};
