import { useEffect, useState } from 'hono/jsx';
import { browserRuntime, openOperatorRoom } from '../../../../sdk/src/adapters/browser';
import { CATALOG_MAP, type CatalogEntry } from '../../../../shared/docs/sku';
import { CATALOG_ROOM } from '../../../../shared/rooms';

export type LiveSkus = Record<string, CatalogEntry>;

/**
 * Every SKU's price, stock, listing and flash sale as the storefronts see them, live: the whole
 * catalog room (`docs/architecture.md`, "Objects and rooms"), one socket through the SDK, so an
 * edit made in another tab or by a shopper's order shows without a reload.
 */
export const useLiveCatalog = (): { skus: LiveSkus; live: boolean } => {
  const [skus, setSkus] = useState<LiveSkus>({});
  const [live, setLive] = useState(false);
  useEffect(() => {
    const room = openOperatorRoom({ url: location.origin, room: CATALOG_ROOM, runtime: browserRuntime() });
    const entries = room.doc.getMap<CatalogEntry>(CATALOG_MAP);
    const changed = () => setSkus(entries.toJSON() as LiveSkus);
    entries.observe(changed);
    const stop = room.status.subscribe((status) => setLive(status === 'online'));
    return () => {
      stop();
      entries.unobserve(changed);
      room.close();
    };
  }, []);
  return { skus, live };
};

/** The newer of what was read with the product and what the room holds now. */
export const liveSku = <S extends CatalogEntry>(read: S, live: LiveSkus, skuId: string): S => {
  const entry = live[skuId];
  return entry && entry.rev >= read.rev ? { ...read, ...entry } : read;
};
