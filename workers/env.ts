/**
 * The Worker's bindings: what wrangler.toml and .dev.vars.example declare, generated into
 * env.generated.d.ts (`Cloudflare.Env`) by `npm run types`, plus the two only tests bind.
 */
export interface Env extends Cloudflare.Env {
  /** The emulator as a service binding (tests): when present, Mini-Shop calls go through it. */
  MINISHOP_EMULATOR?: Fetcher;
  /** First retry pause of Mini-Shop calls in ms (default 500); tests shorten it. */
  MINISHOP_RETRY_BASE_MS?: string;
}
