import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { nodeRuntime } from '../../sdk/src/adapters/node';
import { openOperatorRoom } from '../../sdk/src/index';
import { CHECKS_MAP, type CheckResult } from '../../shared/docs/monitor';
import { MONITOR_ROOM } from '../../shared/rooms';
import { runConsistencyChecks, socketTicket } from './support/hubApi';
import { waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

const dev = useWranglerDev<{ destroy(): void }>();
const LIVE_AGAIN_MS = 30_000;

/** When the `monitor` document last showed the SKU check (its `checkedAt`), or null before any. */
const skuCheckedAt = (doc: Y.Doc): number | null => doc.getMap<CheckResult>(CHECKS_MAP).get('skus')?.checkedAt ?? null;

describe("a script's operator room through the SDK", () => {
  it('opens the monitor with a single-use ticket, and after the hub restarts comes back on a fresh one', async () => {
    const tickets: string[] = [];
    const room = openOperatorRoom({
      url: dev.hub.httpUrl,
      room: MONITOR_ROOM,
      runtime: nodeRuntime(),
      // Retries within a few seconds of the hub's return, however long its restart took.
      backoff: { baseMs: 500, capMs: 4000 },
      ticket: async () => {
        const ticket = await socketTicket(dev.hub);
        tickets.push(ticket);
        return ticket;
      },
    });
    dev.track({ destroy: () => room.close() });
    await room.synced;
    await waitFor(() => room.status.get() === 'online', LIVE_AGAIN_MS, 'the monitor to be live');

    await dev.hub.stop();
    await dev.hub.start();
    await waitFor(() => room.status.get() === 'online', LIVE_AGAIN_MS, 'the monitor to be live again');
    const checks = await runConsistencyChecks(dev.hub);
    await waitFor(
      () => skuCheckedAt(room.doc) === checks.skus.checkedAt,
      LIVE_AGAIN_MS,
      'the reconnected monitor to show the checks just run',
    );
    // The first socket's ticket was used up: the reconnect could only have used another.
    expect(new Set(tickets).size).toBe(tickets.length);
    expect(tickets.length).toBeGreaterThanOrEqual(2);
  });
});
