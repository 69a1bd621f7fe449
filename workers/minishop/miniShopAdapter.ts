import { toBeijingTime } from './beijingTime';
import type { MiniShopApi } from './miniShopApi';
import { allPages } from './paging';
import type { SourceProduct } from './schemas/model';
import type { MiniShopSource } from './source';
import {
  SYNCED_SPU_STATUSES,
  toFreightTemplate,
  toShopInfo,
  toSourceOrder,
  toSourceProduct,
  toSourceSku,
} from './wireToModel';

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

  async *listProducts(): AsyncGenerator<SourceProduct> {
    // The SPU list carries SKU ids only; each product's SKUs come from sku/get_list.
    for (const status of Object.keys(SYNCED_SPU_STATUSES).map(Number)) {
      const size = this.pageSizes.products;
      const spus = allPages(size, async (page) => {
        const { spus, total_num } = await this.api.spuList(status, page, size);
        return { items: spus, total: total_num };
      });
      for await (const spu of spus) {
        const product = toSourceProduct(spu, (await this.api.skuList(spu.product_id)).map(toSourceSku));
        if (product) yield product;
      }
    }
  }

  async getProduct(productId: string): Promise<SourceProduct | null> {
    const spu = await this.api.spuGet(productId);
    if (!(spu.status in SYNCED_SPU_STATUSES)) return null;
    return toSourceProduct(spu, (await this.api.skuList(productId)).map(toSourceSku));
  }

  async *listOrdersUpdatedBetween(from: number, to: number) {
    const size = this.pageSizes.orders;
    const window = { start_update_time: toBeijingTime(from), end_update_time: toBeijingTime(to) };
    const orders = allPages(size, async (page) => {
      const { orders, total_num } = await this.api.orderList({ ...window, page, page_size: size });
      return { items: orders, total: total_num };
    });
    for await (const order of orders) yield toSourceOrder(order);
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

  async shopInfo() {
    return toShopInfo(await this.api.storeInfo());
  }
}
