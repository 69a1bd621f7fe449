import type { Page } from './paging';
import type {
  FreightTemplate,
  PlatformCategory,
  Shipment,
  ShopInfo,
  SourceOrder,
  SourceProduct,
} from './schemas/model';

/**
 * What sync logic needs from a merchant's shop, whatever API serves it. The Mini-Shop adapter
 * implements it over `/product/*`; a WeChat Store adapter over `/channels/ec/*` can implement
 * the same without any change to sync.
 */
export interface MiniShopSource {
  /** A page of the products on sale or delisted, with their SKUs; other statuses are skipped. */
  productsPage(cursor: string | null): Promise<Page<SourceProduct>>;
  /** One product with its SKUs, or null when it is in a status that is not synced. */
  getProduct(productId: string): Promise<SourceProduct | null>;
  /** A page of the orders whose last update lies in [from, to] (epoch ms), oldest update first. */
  ordersUpdatedPage(from: number, to: number, cursor: string | null): Promise<Page<SourceOrder>>;
  getOrder(orderId: string): Promise<SourceOrder>;
  /** Pushes a shipment; the source refuses already-shipped or disputed orders with a typed error. */
  ship(orderId: string, parcels: Shipment[]): Promise<void>;
  freightTemplates(): Promise<FreightTemplate[]>;
  /** The platform's categories directly under `parentId` (null: the top level), with their names. */
  subcategories(parentId: string | null): Promise<PlatformCategory[]>;
  shopInfo(): Promise<ShopInfo>;
}
