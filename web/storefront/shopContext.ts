import { createContext, useContext } from 'hono/jsx';
import type { Storefront } from '../../sdk/src/storefront';
import type { Channel } from '../../shared/channels';
import { type ChannelPaths, pathsOf } from './paths';

/**
 * What every storefront component may read: the channel, its paths, and the SDK's storefront —
 * null while rendering on the server, where nothing is live and no shopper is known.
 */
export interface Shop {
  channel: Channel;
  paths: ChannelPaths;
  storefront: Storefront | null;
}

export const ShopContext = createContext<Shop>({ channel: 'pc', paths: pathsOf('pc'), storefront: null });

export const useShop = (): Shop => useContext(ShopContext);
