import { afterAll, beforeAll } from 'vitest';
import type { ShopProfile } from '../../../workers/emulator/seed/profiles';
import { WranglerDev } from './wranglerDev';

/** The emulator's control secret, as its own wrangler.toml sets it for development. */
const CONTROL_SECRET = 'dev-emulator-control';

/**
 * The Mini-Shop emulator (`workers/emulator/`) in a `wrangler dev` of its own, on a port of its
 * own: call it before `useWranglerDev` and hand the hub `hubVars`, so the hub's Mini-Shop API is
 * this emulator. Its port is known before it listens, so it starts while the hub does.
 */
export const useMiniShopEmulator = () => {
  let emulator: WranglerDev | undefined;
  let started: Promise<void> | undefined;
  beforeAll(async () => {
    emulator = await WranglerDev.create({ config: 'workers/emulator/wrangler.toml' });
    started = emulator.start();
    // Awaited by the first call on it; a failure to start is reported there.
    started.catch(() => {});
  });
  afterAll(async () => {
    await started?.catch(() => {});
    await emulator?.dispose();
  });
  const baseUrl = () => {
    if (!emulator) throw new Error('the emulator is created in beforeAll');
    return emulator.httpUrl;
  };
  return {
    hubVars: () => ({ MINISHOP_API_BASE: baseUrl() }),
    /** A fresh shop of its own at the emulator (a small one migrates in seconds). */
    async newShop(name: string, sizes: { products: number; orders: number }): Promise<ShopProfile> {
      if (!started) throw new Error('the emulator is started in beforeAll');
      await started;
      const profile: ShopProfile = {
        appid: `wxe2e${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
        secret: `secret-${crypto.randomUUID()}`,
        name,
        seed: 11,
        ...sizes,
      };
      const response = await fetch(`${baseUrl()}/__control/shops`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${CONTROL_SECRET}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(profile),
      });
      if (response.status !== 201) throw new Error(`shop not created: ${response.status} ${await response.text()}`);
      return profile;
    },
  };
};
