import type { AuthorizedCall } from './authorizedCall';
import {
  categoryListResponseSchema,
  type DeliverySendRequest,
  freightTemplateListResponseSchema,
  type OrderListRequest,
  orderGetResponseSchema,
  orderListResponseSchema,
  skuListResponseSchema,
  spuGetResponseSchema,
  spuListResponseSchema,
  storeInfoResponseSchema,
} from './schemas/wire';

/** Ids go out as JSON numbers, as the API expects, without passing through a double. */
const idNumber = (id: string) => BigInt(id);

/** The `/product/*` endpoints, one method each, answering validated wire shapes. */
export class MiniShopApi {
  constructor(private readonly call: AuthorizedCall) {}

  async spuList(status: number, page: number, pageSize: number) {
    const body = { status, page, page_size: pageSize, need_edit_spu: 0 };
    return spuListResponseSchema.parse(await this.call('/product/spu/get_list', body));
  }

  async spuGet(productId: string) {
    const body = { product_id: idNumber(productId), need_edit_spu: 0 };
    return spuGetResponseSchema.parse(await this.call('/product/spu/get', body)).data.spu;
  }

  async skuList(productId: string) {
    const body = { product_id: idNumber(productId), need_edit_sku: 0, need_real_stock: 1 };
    return skuListResponseSchema.parse(await this.call('/product/sku/get_list', body)).skus;
  }

  async orderList(request: Pick<OrderListRequest, 'start_update_time' | 'end_update_time' | 'page' | 'page_size'>) {
    return orderListResponseSchema.parse(await this.call('/product/order/get_list', { ...request, source: 1 }));
  }

  async orderGet(orderId: string) {
    return orderGetResponseSchema.parse(await this.call('/product/order/get', { order_id: idNumber(orderId) })).order;
  }

  async deliverySend({ order_id, delivery_list }: DeliverySendRequest): Promise<void> {
    const parcels = delivery_list.map((parcel) => ({
      ...parcel,
      product_infos: parcel.product_infos?.map((item) => ({
        ...item,
        product_id: idNumber(item.product_id),
        sku_id: idNumber(item.sku_id),
      })),
    }));
    await this.call('/product/delivery/send', { order_id: idNumber(order_id), delivery_list: parcels });
  }

  async freightTemplates() {
    return freightTemplateListResponseSchema.parse(await this.call('/product/delivery/get_freight_template', {}))
      .template_list;
  }

  /** The platform categories under `parentId` ('0': the top level). */
  async categoryList(parentId: string) {
    const body = { f_cat_id: idNumber(parentId) };
    return categoryListResponseSchema.parse(await this.call('/product/category/get', body)).cat_list;
  }

  async storeInfo() {
    return storeInfoResponseSchema.parse(await this.call('/product/store/get_info', {})).data;
  }
}
