/**
 * A benchmark subscriber on the project's SDK: a storefront (`createStorefront`, Node runtime, no
 * guest session) with one product page open, reporting each SKU rev its page shows the moment the
 * page's live view changes.
 */
import { nodeRuntime } from '../sdk/src/adapters/node';
import type { Closable, LiveProductPage } from '../sdk/src/index';
import { createStorefront } from '../sdk/src/storefront';
import type { Channel } from '../shared/channels';
import { now } from './clients';

export interface SdkSubscriber {
  readonly synced: Promise<void>;
  destroy(): void;
}

export const openSdkSubscriber = (
  options: { url: string; channel: Channel; productId: string; skuId: string; ackSampleRate?: number },
  onRev: (rev: number, at: number) => void,
): SdkSubscriber => {
  const shop = createStorefront({
    url: options.url,
    channel: options.channel,
    runtime: nodeRuntime(),
    guest: false,
    ...(options.ackSampleRate === undefined ? {} : { ackSampleRate: options.ackSampleRate }),
  });
  let page: Closable<LiveProductPage> | null = null;
  let destroyed = false;
  let last = Number.NEGATIVE_INFINITY;
  const seen = (view: LiveProductPage) => {
    const at = now();
    const rev = view.skus.find((s) => s.skuId === options.skuId)?.rev;
    if (rev === undefined || rev <= last) return;
    last = rev;
    onRev(rev, at);
  };
  const synced = (async () => {
    await shop.ready;
    const opened = await shop.product(options.productId);
    if (destroyed) {
      opened.close();
      return;
    }
    page = opened;
    opened.subscribe(seen);
    seen(opened.get());
  })();
  return {
    synced,
    destroy() {
      destroyed = true;
      page?.close();
      shop.close();
    },
  };
};
