import { HUB_URL } from './config';
import { createStorefront, wxRuntime } from './lib/mallsync';
import type { MallApp } from './storefront';
import { wechat } from './wechat';

declare const App: (app: MallApp) => void;

const shop = createStorefront({ url: HUB_URL, channel: 'mini', runtime: wxRuntime() });
// Every refusal reaches the shopper here, once; pages only undo what they showed as pending.
shop.on('refusal', (refusal) => {
  if (refusal.kind === 'offline') return;
  const title =
    refusal.kind === 'rejected'
      ? refusal.message
      : refusal.kind === 'unreachable'
        ? '网络不可用，请稍后再试'
        : refusal.kind;
  wechat().showToast({ title, icon: 'none' });
});

App({ shop, hubUrl: HUB_URL, skuProducts: new Map() });
