import type { SmsProvider } from './smsProvider';

/** The code every phone receives in development (README, "Development logins"). */
export const DEVELOPMENT_SMS_CODE = '246810';

/** Sends nothing: every phone's code is `DEVELOPMENT_SMS_CODE`. */
export const developmentSms: SmsProvider = {
  newCode: () => DEVELOPMENT_SMS_CODE,
  send: async () => {},
};
