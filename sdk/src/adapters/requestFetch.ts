import type { CallFailure } from './socketTask';

/** `wx.request` / `uni.request`, as the SDK calls it. */
export type RequestApi = (options: {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: string;
  dataType: string;
  responseType: 'text';
  success(result: { statusCode: number; data: unknown }): void;
  fail(error: CallFailure): void;
}) => void;

/**
 * A `fetch` over the runtime's request call, giving the SDK what it reads of a response (`ok`,
 * `status`, `text()`; `http.ts`). The body stays text (`dataType` other than `json`) so the SDK
 * parses it as everywhere else; only a network failure rejects, as with `fetch`.
 */
export const requestFetch =
  (request: RequestApi): typeof fetch =>
  (input, init = {}) =>
    new Promise((resolve, reject) => {
      request({
        url: String(input),
        method: init.method ?? 'GET',
        header: { ...(init.headers as Record<string, string> | undefined) },
        data: typeof init.body === 'string' ? init.body : undefined,
        dataType: 'text',
        responseType: 'text',
        success: ({ statusCode, data }) => {
          const text = typeof data === 'string' ? data : JSON.stringify(data);
          resolve({
            ok: statusCode >= 200 && statusCode < 300,
            status: statusCode,
            text: async () => text,
          } as Response);
        },
        fail: (error) => reject(new TypeError(error.errMsg)),
      });
    });
