import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { moveClock } from '../support/clock';
import { admin } from '../support/hub';
import { checksOf } from '../support/monitor';
import { RoomClient } from '../support/roomClient';
import {
  asStaff,
  createStaffAccount,
  HUB_ORIGIN,
  monitorUpgrade,
  signedIn,
  socketTicket,
  withCookie,
} from '../support/staff';

const refusal = async (response: Response) => ({
  status: response.status,
  socket: response.webSocket,
  body: await response.json(),
});
const UNAUTHORIZED = {
  status: 401,
  socket: null,
  body: { error: { code: 'unauthorized', message: expect.any(String) } },
};

describe('the monitor socket for a signed-in browser', () => {
  it.each(['viewer', 'customer_service'] as const)(
    'admits a %s by the cookie its upgrade carries, and shows it the checks as they run',
    async (role) => {
      const cookie = await signedIn(await createStaffAccount(role));
      const monitor = await RoomClient.over(await monitorUpgrade('', { Cookie: cookie }));
      expect((await admin('POST', '/api/admin/monitor/checks')).status).toBe(200);
      await monitor.until(() => checksOf(monitor).skus !== undefined, 'the monitor to show the SKU check');
      expect(monitor.closed).toBeNull();
      monitor.close();
    },
  );

  it('admits the cookie on the multiplexed endpoint too', async () => {
    const cookie = await signedIn(await createStaffAccount('viewer'));
    const response = await SELF.fetch(`${HUB_ORIGIN}/sync?rooms=monitor&channel=pc`, {
      headers: { Upgrade: 'websocket', Cookie: cookie },
    });
    const monitor = await RoomClient.over(response, undefined, 'monitor');
    expect(monitor.closed).toBeNull();
    monitor.close();
  });

  it('stops admitting the cookie once its session is signed out', async () => {
    const cookie = await signedIn(await createStaffAccount('viewer'));
    await asStaff(cookie, 'POST', '/api/staff/logout');
    expect(await refusal(await monitorUpgrade('', { Cookie: cookie }))).toEqual(UNAUTHORIZED);
  });
});

describe('monitor socket tickets for scripts', () => {
  it('open one socket: the same ticket a second time is refused with 401', async () => {
    const ticket = await socketTicket();
    const monitor = await RoomClient.over(await monitorUpgrade(`&ticket=${ticket}`));
    expect(monitor.closed).toBeNull();
    expect(await refusal(await monitorUpgrade(`&ticket=${ticket}`))).toEqual(UNAUTHORIZED);
    monitor.close();
  });

  it('expire a minute after they were issued', async () => {
    const ticket = await socketTicket();
    moveClock(61_000);
    expect(await refusal(await monitorUpgrade(`&ticket=${ticket}`))).toEqual(UNAUTHORIZED);
  });

  it('still open a socket within the minute', async () => {
    const ticket = await socketTicket();
    moveClock(50_000);
    const monitor = await RoomClient.over(await monitorUpgrade(`&ticket=${ticket}`));
    expect(monitor.closed).toBeNull();
    monitor.close();
  });

  it('are issued to a signed-in staff member as well, and never carry the API key', async () => {
    const cookie = await signedIn(await createStaffAccount('viewer'));
    const answer = await asStaff(cookie, 'POST', '/api/admin/socket-tickets');
    const issued = await answer.json<{ ticket: string; expiresAt: number }>();
    expect(answer.status).toBe(201);
    expect(issued.ticket).not.toContain(env.ADMIN_TOKEN);
    const monitor = await RoomClient.over(await monitorUpgrade(`&ticket=${issued.ticket}`, withCookie(cookie)));
    monitor.close();
  });
});

describe('the admin token in the socket URL', () => {
  it('is refused with 401 before the upgrade, on both endpoints', async () => {
    expect(await refusal(await monitorUpgrade(`&token=${env.ADMIN_TOKEN}`))).toEqual(UNAUTHORIZED);
    const multiplexed = await SELF.fetch(`${HUB_ORIGIN}/sync?rooms=monitor&channel=pc&token=${env.ADMIN_TOKEN}`, {
      headers: { Upgrade: 'websocket' },
    });
    expect(await refusal(multiplexed)).toEqual(UNAUTHORIZED);
  });
});
