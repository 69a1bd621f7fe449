import type { Env } from '../../../env';
import { developmentSms } from './developmentSms';
import { httpSms } from './httpSms';

/** Sends login codes by SMS. The code is the provider's choice, so development can fix it. */
export interface SmsProvider {
  newCode(): string;
  send(phone: string, code: string): Promise<void>;
}

export const smsProvider = (env: Env): SmsProvider =>
  env.AUTH_PROVIDERS === 'development' ? developmentSms : httpSms(env);
