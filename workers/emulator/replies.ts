import { stringifyWireJson } from '../minishop/api/json';

/** What the emulator answers: the HTTP status and the body text, already serialized. */
export interface Reply {
  status: number;
  body: string;
}

/** errmsg texts in the style of the real API (`… rid: <hex>`); codes from docs/minishop-api.md. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  100002: 'not exist',
  108009: 'order is in after-sale, cannot deliver',
  109000: 'delivery failed',
  109001: 'order already delivered',
  300000: 'api freq out of limit',
  9401020: 'invalid parameter',
};

/** Numeric ids travel as bare JSON numbers, above 2^53 too, exactly as the real API writes them. */
const NUMERIC_ID_KEYS = new Set([
  'product_id',
  'sku_id',
  'order_id',
  'template_id',
  'aftersale_order_id',
  'cat_id',
  'f_cat_id',
]);
const numericIds = (key: string, value: unknown) =>
  NUMERIC_ID_KEYS.has(key) && typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : value;

const rid = () => crypto.randomUUID().replaceAll('-', '').slice(0, 24);

export const okReply = (payload: object = {}): Reply => ({
  status: 200,
  body: stringifyWireJson(JSON.parse(JSON.stringify({ errcode: 0, errmsg: 'ok', ...payload }), numericIds)),
});

/** A business error: HTTP 200 with `errcode` and `errmsg`, as WeChat answers. */
export const errorReply = (errcode: number, detail?: string): Reply => ({
  status: 200,
  body: JSON.stringify({
    errcode,
    errmsg: `${ERRMSG[errcode] ?? 'error'}${detail ? `: ${detail}` : ''} rid: ${rid()}`,
  }),
});

/** An HTTP-level failure (5xx, outage): no JSON, as a gateway would answer. */
export const httpFailureReply = (status: number): Reply => ({ status, body: `HTTP ${status} from the emulated API` });

export const toResponse = ({ status, body }: Reply) =>
  new Response(body, { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
