import type { Channel } from '../../shared/channels';

/** Where each channel's storefront lives on the hub: the PC mall at the root, the others under a prefix. */
export const CHANNEL_BASE: Record<Channel, string> = { pc: '', h5: '/h5', mini: '/mini', app: '/app' };

/**
 * Each storefront's front page. The App's ends in a slash: it is where the installed App starts
 * and inside its service worker's scope, `/app/` (`web/app/shell.ts`).
 */
const HOME: Record<Channel, string> = { pc: '/', h5: '/h5', mini: '/mini', app: '/app/' };

/** Every page's address on one channel, so links never spell a path by hand. */
export const pathsOf = (channel: Channel) => {
  const base = CHANNEL_BASE[channel];
  return {
    home: HOME[channel],
    categories: `${base}/category`,
    category: (categoryId: string) => `${base}/category/${encodeURIComponent(categoryId)}`,
    search: (q = '') => `${base}/search${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    product: (productId: string) => `${base}/product/${encodeURIComponent(productId)}`,
    cart: `${base}/cart`,
    checkout: `${base}/checkout`,
    orders: `${base}/orders`,
    order: (orderId: string) => `${base}/orders/${encodeURIComponent(orderId)}`,
    me: `${base}/me`,
    login: (next?: string) => `${base}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  };
};

export type ChannelPaths = ReturnType<typeof pathsOf>;
