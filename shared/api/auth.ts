import { z } from 'zod';
import { CHANNELS } from '../channels';

export const channel = z.enum(CHANNELS);
/** E.164-style: optional +, country code and number, digits only. */
export const phone = z.string().regex(/^\+?[1-9]\d{5,14}$/, 'not a valid phone number');
const smsCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');
/** What `wx.login()` (mini-program) or the OAuth redirect (app, web) hands the client. */
const wechatCode = z.string().min(1).max(128);

export const phoneCodeRequestSchema = z.strictObject({ channel, phone });
export const phoneLoginSchema = z.strictObject({ channel, phone, code: smsCode });
export const wechatLoginSchema = z.strictObject({ channel, code: wechatCode });
export const guestLoginSchema = z.strictObject({ channel });

/** `POST /api/members/me/identities`: proves ownership the same way a login does. */
export const bindIdentitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('phone'), phone, code: smsCode }),
  z.strictObject({ kind: z.literal('wechat'), code: wechatCode }),
]);

export type PhoneLogin = z.infer<typeof phoneLoginSchema>;
export type BindIdentity = z.infer<typeof bindIdentitySchema>;

/** Every login answers with this. */
export interface Session {
  token: string;
  memberId: string;
}
