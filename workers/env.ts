import type { CatalogRoom } from './catalog/CatalogRoom';
import type { FlashSaleClock } from './catalog/FlashSaleClock';
import type { SkuRoom } from './catalog/SkuRoom';
import type { MemberRoom } from './members/MemberRoom';
import type { ShopSync } from './minishop/ShopSync';
import type { MonitorRoom } from './monitor/MonitorRoom';

/** Bindings from wrangler.toml and secrets from `.dev.vars` / `wrangler secret`. */
export interface Env {
  DB: D1Database;
  SKU_ROOM: DurableObjectNamespace<SkuRoom>;
  CATALOG_ROOM: DurableObjectNamespace<CatalogRoom>;
  MEMBER_ROOM: DurableObjectNamespace<MemberRoom>;
  FLASH_SALE_CLOCK: DurableObjectNamespace<FlashSaleClock>;
  SHOP_SYNC: DurableObjectNamespace<ShopSync>;
  MONITOR_ROOM: DurableObjectNamespace<MonitorRoom>;
  ADMIN_TOKEN: string;
  /** Base URL of the Mini-Shop API: the emulator locally, https://api.weixin.qq.com in production. */
  MINISHOP_API_BASE: string;
  /** The emulator as a service binding (tests): when present, Mini-Shop calls go through it. */
  MINISHOP_EMULATOR?: Fetcher;
  /** First retry pause of Mini-Shop calls in ms (default 500); tests shorten it. */
  MINISHOP_RETRY_BASE_MS?: string;
  /** HMAC key of member tokens. */
  TOKEN_SECRET: string;
  /** `development`: fixed SMS code and made-up WeChat ids (README); `real`: the real services. */
  AUTH_PROVIDERS: 'development' | 'real';
  WECHAT_MINI_APPID?: string;
  WECHAT_MINI_SECRET?: string;
  WECHAT_OAUTH_APPID?: string;
  WECHAT_OAUTH_SECRET?: string;
  SMS_API_URL?: string;
  SMS_API_KEY?: string;
  /** `development`: payments completed by a local route (README, "Paying in development"); `real`: the gateway. */
  PAYMENT_PROVIDER: 'development' | 'real';
  /** HMAC key payment notifications are signed with. */
  PAYMENT_SECRET: string;
  PAYMENT_API_URL?: string;
  PAYMENT_API_KEY?: string;
  /** The public URL of `POST /api/payments/callback`, given to the gateway with each payment. */
  PAYMENT_NOTIFY_URL?: string;
}

type HubBindings = Env;

// `cloudflare:workers` and `cloudflare:test` type their `env` as `Cloudflare.Env`.
declare global {
  namespace Cloudflare {
    interface Env extends HubBindings {}
  }
}
