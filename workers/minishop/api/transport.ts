import { type BackoffPolicy, backoffDelay } from './backoff';
import {
  ERRCODE,
  isTransientErrcode,
  MiniShopApiError,
  MiniShopQuotaExhaustedError,
  MiniShopUnavailableError,
} from './errors';
import { parseWireJson, stringifyWireJson } from './json';
import { wireStatusSchema } from './schemas/wire';

export interface TransportOptions {
  /** `https://api.weixin.qq.com` in production, the emulator locally (`MINISHOP_API_BASE`). */
  baseUrl: string;
  /** Injected so tests can route calls through a service binding. */
  fetch: typeof fetch;
  backoff: BackoffPolicy;
}

export interface WireRequest {
  method: 'GET' | 'POST';
  query: Record<string, string>;
  body?: unknown;
}

/**
 * One HTTP exchange with the API, retried with backoff on what is transient (-1, 45011, 300000,
 * 5xx, no answer). It answers the parsed body of a success (`errcode` 0) and throws a typed
 * error for anything else; 45009 is never retried.
 */
export class MiniShopTransport {
  constructor(private readonly options: TransportOptions) {}

  async send(path: string, request: WireRequest): Promise<unknown> {
    const { backoff } = this.options;
    for (let attempt = 1; ; attempt++) {
      const failure = await this.attempt(path, request);
      if (!(failure instanceof Error)) return failure.body;
      const transient =
        failure instanceof MiniShopUnavailableError ||
        (!(failure instanceof MiniShopQuotaExhaustedError) && isTransientErrcode(failure.errcode));
      if (!transient || attempt >= backoff.attempts) throw failure;
      await backoff.sleep(backoffDelay(backoff, attempt - 1));
    }
  }

  private async attempt(
    path: string,
    { method, query, body }: WireRequest,
  ): Promise<{ body: unknown } | MiniShopApiError | MiniShopUnavailableError> {
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : stringifyWireJson(body),
      });
    } catch (error) {
      return new MiniShopUnavailableError(path, 0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    if (!response.ok) return new MiniShopUnavailableError(path, response.status, text.slice(0, 200));
    let parsed: unknown;
    try {
      parsed = parseWireJson(text);
    } catch {
      return new MiniShopUnavailableError(path, response.status, `unreadable body: ${text.slice(0, 200)}`);
    }
    const status = wireStatusSchema.safeParse(parsed);
    if (!status.success) return new MiniShopUnavailableError(path, response.status, 'answer is not a JSON object');
    const { errcode, errmsg } = status.data;
    if (errcode === 0) return { body: parsed };
    if (errcode === ERRCODE.dailyQuota) return new MiniShopQuotaExhaustedError(path, errcode, errmsg);
    return new MiniShopApiError(path, errcode, errmsg);
  }
}
