import { tokenResponseSchema } from './schemas/wire';

/** A shop's credentials: its own appid and secret (Mini-Shop self-developed mode). */
export interface ShopCredentials {
  appid: string;
  secret: string;
}

export interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is no longer used. */
  expiresAt: number;
}

/**
 * Where a token is kept between calls. The default keeps it in memory; a Durable Object can keep
 * it in its storage so a restart does not spend the daily token quota.
 */
export interface TokenStore {
  load(): Promise<CachedToken | undefined>;
  save(token: CachedToken): Promise<void>;
}

export const memoryTokenStore = (): TokenStore => {
  let cached: CachedToken | undefined;
  return {
    load: async () => cached,
    save: async (token) => {
      cached = token;
    },
  };
};

/** Tokens are renewed this long before WeChat says they expire, so none dies mid-call. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** Fetches a fresh token from the token endpoint; the transport supplies retries and parsing. */
export type TokenFetcher = (credentials: ShopCredentials) => Promise<unknown>;

/** Hands out a cached access token and replaces it when it nears expiry or WeChat rejects it. */
export class AccessTokens {
  constructor(
    private readonly credentials: ShopCredentials,
    private readonly fetchToken: TokenFetcher,
    private readonly store: TokenStore,
    private readonly now: () => number,
  ) {}

  async current(): Promise<string> {
    const cached = await this.store.load();
    if (cached && cached.expiresAt > this.now()) return cached.accessToken;
    return this.refresh();
  }

  async refresh(): Promise<string> {
    const { access_token, expires_in } = tokenResponseSchema.parse(await this.fetchToken(this.credentials));
    await this.store.save({
      accessToken: access_token,
      expiresAt: this.now() + Math.max(0, expires_in * 1000 - EXPIRY_MARGIN_MS),
    });
    return access_token;
  }
}
