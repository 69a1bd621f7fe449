import type { ObservableV2 } from 'lib0/observable';
import type { ErrorBody } from '../../workers/platform/errorShape';
import type { StorefrontEvents } from './events';

/** A call the hub refused: its status and the hub's one error shape. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/**
 * The hub's HTTP API as the SDK calls it: JSON in and out, every refusal a `HubError` and a
 * `rejected` event; a call that reaches no hub a `HubError` with status 0 and an `unreachable` event.
 */
export class HubHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly fetcher: typeof fetch,
    private readonly events: ObservableV2<StorefrontEvents>,
  ) {}

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (failure) {
      // No answer at all (no network, the hub down): the call did nothing, and may be tried again.
      const message = failure instanceof Error ? failure.message : String(failure);
      this.events.emit('refusal', [{ kind: 'unreachable', message }]);
      throw new HubError(0, 'unreachable', `the hub could not be reached: ${message}`);
    }
    const text = await response.text();
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    if (response.ok) return body as T;
    const error = (body as ErrorBody | null)?.error ?? { code: 'http_error', message: `HTTP ${response.status}` };
    this.events.emit('refusal', [
      { kind: 'rejected', status: response.status, code: error.code, message: error.message, field: error.field },
    ]);
    throw new HubError(response.status, error.code, error.message, error.field);
  }
}
