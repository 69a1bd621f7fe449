import type { Env } from '../../../env';
import type { SmsProvider } from './smsProvider';

const randomCode = (): string =>
  String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 1_000_000).padStart(6, '0');

/**
 * An SMS gateway's HTTP API: `POST SMS_API_URL` with `Authorization: Bearer SMS_API_KEY` and
 * `{phone, template: 'login', params: {code}}`; any non-2xx answer is a failed send.
 */
export const httpSms = (env: Env): SmsProvider => ({
  newCode: randomCode,
  send: async (phone, code) => {
    if (!env.SMS_API_URL || !env.SMS_API_KEY) throw new Error('SMS_API_URL and SMS_API_KEY must be set');
    const response = await fetch(env.SMS_API_URL, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.SMS_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone, template: 'login', params: { code } }),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  },
});
