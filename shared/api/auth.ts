import { z } from 'zod';
import { canonicalPhone } from '../../workers/members/rules/phoneNumbers';
import { CHANNELS } from '../channels';

export const channel = z.enum(CHANNELS);
/**
 * A phone number however people and WeChat write it, read as its canonical E.164 form
 * (`workers/members/rules/phoneNumbers.ts`): every route taking a phone parses it here, so what
 * reaches logins, codes, binds and identities is always that one form.
 */
export const phone = z.string().transform((written, ctx) => {
  const canonical = canonicalPhone(written);
  if (canonical === null) ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
  return canonical ?? z.NEVER;
});
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

/** Every login, and a renewal, answers with this. */
export interface Session {
  token: string;
  memberId: string;
  role: 'member' | 'guest';
  /** When the token stops working (ms since the epoch): renew it before then (`POST /api/auth/renew`). */
  expiresAt: number;
}
