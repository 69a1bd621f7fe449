import { HubError } from './lib/mallsync';
import { wechat } from './wechat';

/**
 * Tells the shopper why something did not work. The hub's refusals and a hub out of reach reach
 * them already: each is a `refusal` event, which app.ts shows; anything else (WeChat refusing a
 * call) here.
 */
export const explainFailure = (error: unknown): void => {
  if (error instanceof HubError) return;
  wechat().showToast({ title: '操作未完成，请稍后再试', icon: 'none' });
};
