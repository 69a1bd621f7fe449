import { z } from 'zod';
import { toBeijingTime } from '../beijingTime';
import type { MiniShopApi } from './miniShopApi';
import type { Page } from './paging';
import type { SourceOrder, SourceProduct } from './schemas/model';
import type { MiniShopSource } from './source';
import {
  SYNCED_SPU_STATUSES,
  toFreightTemplate,
  toPlatformCategory,
  toShopInfo,
  toSourceOrder,
  toSourceProduct,
  toSourceSku,
} from './wireToModel';

/** Synced SPU statuses, listed one after the other. */
const SPU_STATUSES = Object.keys(SYNCED_SPU_STATUSES).map(Number);

/** Where a product listing stands: the index into SPU_STATUSES, its page, the listing's size. */
const productCursorSchema = z.object({ status: z.int().min(0), page: z.int().min(1), total: z.int().min(0) });
type ProductCursor = z.infer<typeof productCursorSchema>;

export interface PageSizes {
  products: number;
  orders: number;
}

/** `MiniShopSource` over the Mini-Shop `/product/*` API. */
export class MiniShopAdapter implements MiniShopSource {
  constructor(
    private readonly api: MiniShopApi,
    private readonly pageSizes: PageSizes,
  ) {}

  async productsPage(cursor: string | null): Promise<Page<SourceProduct>> {
    const at = cursor ? productCursorSchema.parse(JSON.parse(cursor)) : await this.firstProductCursor();
    const status = SPU_STATUSES[at.status];
    if (status === undefined) return { items: [], total: at.total, next: null };
    const size = this.pageSizes.products;
    const { spus, total_num } = await this.api.spuList(status, at.page, size);
    // The SPU list carries SKU ids only; each product's SKUs come from sku/get_list.
    const items: SourceProduct[] = [];
    for (const spu of spus) {
      const product = toSourceProduct(spu, (await this.api.skuList(spu.product_id)).map(toSourceSku));
      if (product) items.push(product);
    }
    const statusDone = spus.length < size || at.page * size >= total_num;
    const following = statusDone ? { ...at, status: at.status + 1, page: 1 } : { ...at, page: at.page + 1 };
    const next = following.status < SPU_STATUSES.length ? JSON.stringify(following) : null;
    return { items, total: at.total, next };
  }

  async getProduct(productId: string): Promise<SourceProduct | null> {
    const spu = await this.api.spuGet(productId);
    if (!(spu.status in SYNCED_SPU_STATUSES)) return null;
    return toSourceProduct(spu, (await this.api.skuList(productId)).map(toSourceSku));
  }

  async ordersUpdatedPage(from: number, to: number, cursor: string | null): Promise<Page<SourceOrder>> {
    const size = this.pageSizes.orders;
    const page = cursor ? Number(cursor) : 1;
    const window = { start_update_time: toBeijingTime(from), end_update_time: toBeijingTime(to) };
    const { orders, total_num } = await this.api.orderList({ ...window, page, page_size: size });
    const last = orders.length < size || page * size >= total_num;
    return { items: orders.map(toSourceOrder), total: total_num, next: last ? null : String(page + 1) };
  }

  /** The whole listing's size comes first, so progress has a total from the first page on. */
  private async firstProductCursor(): Promise<ProductCursor> {
    let total = 0;
    for (const status of SPU_STATUSES) total += (await this.api.spuList(status, 1, 1)).total_num;
    return { status: 0, page: 1, total };
  }

  async getOrder(orderId: string) {
    return toSourceOrder(await this.api.orderGet(orderId));
  }

  async ship(orderId: string, parcels: Parameters<MiniShopSource['ship']>[1]): Promise<void> {
    await this.api.deliverySend({
      order_id: orderId,
      delivery_list: parcels.map(({ deliveryId, waybillId, items }) => ({
        delivery_id: deliveryId,
        waybill_id: waybillId,
        is_all_product: items === undefined,
        product_infos: items?.map(({ productId, skuId, quantity }) => ({
          product_id: productId,
          sku_id: skuId,
          product_cnt: quantity,
        })),
      })),
    });
  }

  async freightTemplates() {
    return (await this.api.freightTemplates()).map(toFreightTemplate);
  }

  async subcategories(parentId: string | null) {
    return (await this.api.categoryList(parentId ?? '0')).map(toPlatformCategory);
  }

  async shopInfo() {
    return toShopInfo(await this.api.storeInfo());
  }
}
