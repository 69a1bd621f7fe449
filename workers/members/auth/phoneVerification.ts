import { ApiError } from '../../edge/errors';
import type { Env } from '../../env';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { smsProvider } from '../providers/sms/smsProvider';
import { consumePhoneCode, storePhoneCode } from '../records/phoneCodeRecords';

/** Sends a fresh login code to `phone`; returns when it expires. */
export const sendPhoneCode = async (env: Env, phone: string): Promise<number> => {
  const sms = smsProvider(env);
  const code = sms.newCode();
  const expiresAt = await storePhoneCode(database(env.DB), phone, code, clock.now());
  await sms.send(phone, code);
  return expiresAt;
};

/** Accepts the current code of `phone` once; anything else is a 401, or a 429 after repeated misses. */
export const verifyPhoneCode = async (env: Env, phone: string, code: string): Promise<void> => {
  switch (await consumePhoneCode(database(env.DB), phone, code, clock.now())) {
    case 'ok':
      return;
    case 'expired':
      throw new ApiError(401, 'code_expired', 'the code has expired; ask for a new one', 'code');
    case 'rate_limited':
      throw new ApiError(429, 'too_many_attempts', 'too many wrong codes; try again later', 'code');
    case 'wrong':
      throw new ApiError(401, 'wrong_code', 'wrong or used code', 'code');
  }
};
