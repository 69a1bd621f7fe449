import type { CatalogRoom } from './objects/CatalogRoom';
import type { SkuRoom } from './objects/SkuRoom';

/** Bindings from wrangler.toml and secrets from `.dev.vars` / `wrangler secret`. */
export interface Env {
  DB: D1Database;
  SKU_ROOM: DurableObjectNamespace<SkuRoom>;
  CATALOG_ROOM: DurableObjectNamespace<CatalogRoom>;
  ADMIN_TOKEN: string;
  /** Base URL of the Mini-Shop API: the emulator locally, https://api.weixin.qq.com in production. */
  MINISHOP_API_BASE: string;
}

type HubBindings = Env;

// `cloudflare:workers` and `cloudflare:test` type their `env` as `Cloudflare.Env`.
declare global {
  namespace Cloudflare {
    interface Env extends HubBindings {}
  }
}
