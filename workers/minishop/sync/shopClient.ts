import type { Env } from '../../env';
import type { ShopCredentials, TokenStore } from '../api/accessToken';
import { createMiniShopClient } from '../api/client';
import type { MiniShopSource } from '../api/source';

/** First pause before a retry when the environment does not say otherwise. */
const RETRY_BASE_MS = 500;

/**
 * The Mini-Shop API for one shop, at `MINISHOP_API_BASE`, or through the emulator's service
 * binding when there is one (tests).
 */
export const shopClient = (env: Env, credentials: ShopCredentials, tokenStore?: TokenStore): MiniShopSource => {
  const emulator = env.MINISHOP_EMULATOR;
  return createMiniShopClient({
    baseUrl: env.MINISHOP_API_BASE,
    credentials,
    tokenStore,
    fetch: emulator ? (input, init) => emulator.fetch(new Request(input, init)) : undefined,
    backoff: { baseMs: Number(env.MINISHOP_RETRY_BASE_MS ?? RETRY_BASE_MS) },
    pageSizes: { products: 20, orders: 100 },
  });
};
