import { SELF } from 'cloudflare:test';
import type { Session } from '../../shared/api/auth';
import type { Channel } from '../../shared/channels';
import { DEVELOPMENT_SMS_CODE } from '../../workers/members/providers/sms/developmentSms';

/** Calls the hub's HTTP API as a shopper, with a member token when given (JSON in and out). */
export const shopper = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
) =>
  SELF.fetch(`http://hub${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const session = async (response: Response): Promise<Session> => {
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`login failed: ${response.status} ${await response.text()}`);
  }
  return response.json();
};

/** A phone number nobody has used yet in this test run. */
export const freshPhone = (): string => `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Asks for an SMS code (the development provider's fixed code) and logs in with it. */
export const phoneLogin = async (phone: string, channel: Channel, guestToken?: string): Promise<Session> => {
  const sent = await shopper('POST', '/api/auth/phone/code', { channel, phone });
  if (sent.status !== 200) throw new Error(`code request failed: ${sent.status} ${await sent.text()}`);
  return session(await shopper('POST', '/api/auth/phone', { channel, phone, code: DEVELOPMENT_SMS_CODE }, guestToken));
};

/** Logs in with a development WeChat code: the same code is the same person on every channel. */
export const wechatLogin = async (code: string, channel: Channel, guestToken?: string): Promise<Session> =>
  session(await shopper('POST', '/api/auth/wechat', { channel, code }, guestToken));

/** Binds `phone` to the member behind `token`: a member already holding it is merged into this one. */
export const bindPhone = async (token: string, phone: string) => {
  await shopper('POST', '/api/auth/phone/code', { channel: 'app', phone });
  return shopper('POST', '/api/members/me/identities', { kind: 'phone', phone, code: DEVELOPMENT_SMS_CODE }, token);
};

/** A client address of its own, as Cloudflare would report it (guest sessions are limited per address). */
export const freshClientAddress = (): string =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

export const guestLogin = async (channel: Channel, address = freshClientAddress()): Promise<Session> =>
  session(await shopper('POST', '/api/auth/guest', { channel }, undefined, { 'CF-Connecting-IP': address }));

/** A WeChat login code nobody has used yet in this test run. */
export const freshWechatCode = (): string => `wx${crypto.randomUUID()}`;
