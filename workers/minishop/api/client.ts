import { AccessTokens, memoryTokenStore, type ShopCredentials, type TokenStore } from './accessToken';
import { authorizedCall } from './authorizedCall';
import { type BackoffPolicy, defaultBackoff } from './backoff';
import { MiniShopAdapter, type PageSizes } from './miniShopAdapter';
import { MiniShopApi } from './miniShopApi';
import type { MiniShopSource } from './source';
import { MiniShopTransport } from './transport';

export interface MiniShopClientOptions {
  /** `MINISHOP_API_BASE`: the emulator locally, `https://api.weixin.qq.com` in production. */
  baseUrl: string;
  credentials: ShopCredentials;
  fetch?: typeof fetch;
  backoff?: Partial<BackoffPolicy>;
  tokenStore?: TokenStore;
  now?: () => number;
  pageSizes?: Partial<PageSizes>;
}

const DEFAULT_PAGE_SIZES: PageSizes = { products: 100, orders: 100 };

/** A `MiniShopSource` for one shop, talking to the Mini-Shop API at `baseUrl`. */
export const createMiniShopClient = (options: MiniShopClientOptions): MiniShopSource => {
  const transport = new MiniShopTransport({
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    backoff: { ...defaultBackoff, ...options.backoff },
  });
  const tokens = new AccessTokens(
    options.credentials,
    ({ appid, secret }) =>
      transport.send('/cgi-bin/token', { method: 'GET', query: { grant_type: 'client_credential', appid, secret } }),
    options.tokenStore ?? memoryTokenStore(),
    options.now ?? Date.now,
  );
  const api = new MiniShopApi(authorizedCall(transport, tokens));
  return new MiniShopAdapter(api, { ...DEFAULT_PAGE_SIZES, ...options.pageSizes });
};
