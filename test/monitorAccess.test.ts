import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CHECKS_MAP } from '../shared/docs/monitor';
import { PERMISSION_DENIED } from '../shared/protocol/messages';
import { monitorClient } from './support/monitor';
import { socketTicket } from './support/staff';

const upgrade = (query: string) =>
  SELF.fetch(`http://hub/sync/monitor?${query}`, { headers: { Upgrade: 'websocket' } });

describe('the monitor room', () => {
  it('refuses a socket without the staff cookie or a ticket with 401, the admin token in the URL too, before the upgrade', async () => {
    const missing = await upgrade('channel=pc');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    // The long-lived admin token never opens a socket from a URL, where it would land in logs.
    const adminToken = await upgrade(`channel=pc&token=${env.ADMIN_TOKEN}`);
    expect(adminToken.status).toBe(401);
    expect(await adminToken.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const member = await upgrade(`channel=pc&token=${encodeURIComponent('eyJhbGciOiJIUzI1NiJ9.e30.x')}`);
    expect(member.status).toBe(401);
    expect((await upgrade(`channel=tv&ticket=${await socketTicket()}`)).status).toBe(400);
  });

  it('answers 404 for room names beside it', async () => {
    for (const room of ['monitors', 'monitor:x', 'monitor:']) {
      const response = await SELF.fetch(`http://hub/sync/${room}?channel=pc&ticket=${await socketTicket()}`, {
        headers: { Upgrade: 'websocket' },
      });
      expect(response.status, room).toBe(404);
    }
  });

  it('lets the admin subscribe, and refuses the page writing to it', async () => {
    const monitor = await monitorClient();
    const rogue = new Y.Doc();
    rogue.getMap(CHECKS_MAP).set('skus', { consistent: true });
    Y.applyUpdate(monitor.doc, Y.encodeStateAsUpdate(rogue));
    await monitor.until(() => monitor.denials.length > 0, 'permission-denied');
    expect(monitor.denials).toEqual([PERMISSION_DENIED]);
    const other = await monitorClient();
    expect(other.doc.getMap(CHECKS_MAP).get('skus')).toBeUndefined();
    expect(monitor.closed).toBeNull();
    monitor.close();
    other.close();
  });

  // The page itself is a static asset, which only `wrangler dev` serves (test/e2e/monitor.e2e.test.ts).
  it('keeps every monitor operation behind the API key or a staff session', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/monitor/log'],
      ['POST', '/api/admin/monitor/checks'],
      ['POST', '/api/admin/monitor/force-sync'],
    ] as const) {
      expect((await SELF.fetch(`http://hub${path}`, { method })).status, path).toBe(401);
    }
  });
});
