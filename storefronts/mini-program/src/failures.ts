import { HubError } from './lib/mallsync';
import { wechat } from './wechat';

/**
 * Tells the shopper why something did not work. The hub's refusals reach them already: each is a
 * `refusal` event, which app.ts shows; anything else (no network, WeChat refusing a call) here.
 */
export const explainFailure = (error: unknown): void => {
  if (error instanceof HubError) return;
  wechat().showToast({ title: '网络不可用，请稍后再试', icon: 'none' });
};
