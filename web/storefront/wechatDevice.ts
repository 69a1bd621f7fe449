import { keptValues } from './browserPage';

const KEY = 'mallsync.wechat.device';

/**
 * The code "Continue with WeChat" logs in with. The development provider takes any code and names
 * a person by it (README, "Development logins"), so a random value kept in this browser's storage
 * makes the same browser the same WeChat person on every visit.
 */
export const wechatLoginCode = (): string => {
  const kept = keptValues().getItem(KEY);
  if (kept) return kept;
  const fresh = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  keptValues().setItem(KEY, fresh);
  return fresh;
};
