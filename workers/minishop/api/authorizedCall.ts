import type { AccessTokens } from './accessToken';
import { isTokenErrcode, MiniShopApiError } from './errors';
import type { MiniShopTransport } from './transport';

/** A business call: POST with the shop's access token in the query. */
export type AuthorizedCall = (path: string, body: unknown) => Promise<unknown>;

/**
 * Adds the access token to every business call. A token WeChat rejects as invalid (40001) or
 * expired (42001) is replaced once and the call tried again; a second rejection is thrown.
 */
export const authorizedCall =
  (transport: MiniShopTransport, tokens: AccessTokens): AuthorizedCall =>
  async (path, body) => {
    const send = (token: string) => transport.send(path, { method: 'POST', query: { access_token: token }, body });
    try {
      return await send(await tokens.current());
    } catch (error) {
      if (!(error instanceof MiniShopApiError) || !isTokenErrcode(error.errcode)) throw error;
      return send(await tokens.refresh());
    }
  };
