import { env, runDurableObjectAlarm } from 'cloudflare:test';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import { shopSyncOf } from '../../workers/minishop/ShopSync';
import type { ShopView } from '../../workers/minishop/shopView';
import { newShop } from './emulator';
import { admin } from './hub';

/** A new emulated shop, bound to the hub through the admin API. */
export const boundShop = async (sizes: Parameters<typeof newShop>[0] = {}): Promise<ShopProfile> => {
  const profile = await newShop(sizes);
  const response = await admin('POST', '/api/admin/minishop/shops', { appid: profile.appid, secret: profile.secret });
  if (response.status !== 201) throw new Error(`bind failed: ${response.status} ${await response.text()}`);
  return profile;
};

export const shopView = async (appid: string): Promise<ShopView> => {
  const response = await admin('GET', `/api/admin/minishop/shops/${appid}`);
  if (response.status !== 200) throw new Error(`shop read failed: ${response.status} ${await response.text()}`);
  return response.json();
};

/**
 * Runs the shop's alarms until no run is queued: each alarm is one page of a run. Waits on the
 * shop's own state, giving up after `timeoutMs`.
 */
export const untilIdle = async (appid: string, timeoutMs = 60_000): Promise<ShopView> => {
  const stub = shopSyncOf(env, appid);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await runDurableObjectAlarm(stub);
    const view = await shopView(appid);
    if (!view.progress.running) return view;
  }
  throw new Error(`shop ${appid} still busy after ${timeoutMs} ms`);
};

/** Starts a migration through the admin API and runs it to its end. */
export const migrate = async (appid: string): Promise<ShopView> => {
  const response = await admin('POST', `/api/admin/minishop/shops/${appid}/migrations`);
  if (response.status !== 202) throw new Error(`migration refused: ${response.status} ${await response.text()}`);
  return untilIdle(appid);
};

export const setRules = (appid: string, rules: Record<string, unknown>) =>
  admin('PATCH', `/api/admin/minishop/shops/${appid}/rules`, rules);
