import type { z } from 'zod';
import { parseWireJson } from '../../minishop/api/json';
import {
  categoryGetRequestSchema,
  deliverySendRequestSchema,
  orderGetRequestSchema,
  orderListRequestSchema,
  skuListRequestSchema,
  spuGetRequestSchema,
  spuListRequestSchema,
} from '../../minishop/api/schemas/wire';
import { toBeijingTime } from '../../minishop/beijingTime';
import { errorReply, okReply, type Reply } from '../replies';
import type { FreightTemplateRecord, StoreInfoRecord } from '../seed/generateShop';
import { childrenOf } from '../seed/platformCategories';
import type { CatalogRecords } from './catalogRecords';
import type { OrderRecords } from './orderRecords';
import { ship } from './shipping';

/** The real page_size cap of the SPU list is undocumented; the emulator's choice is 100. */
export const SPU_PAGE_SIZE_MAX = 100;
/** The order list's cap per docs/minishop-api.md. */
export const ORDER_PAGE_SIZE_MAX = 10_000;

export interface ShopRecords {
  catalog: CatalogRecords;
  orders: OrderRecords;
  freightTemplates: () => FreightTemplateRecord[];
  storeInfo: () => StoreInfoRecord;
}

type Handler = (body: unknown, now: number) => Reply;

/** Parses a request body against its schema; a mismatch is the API's "invalid parameter". */
const withBody =
  <Schema extends z.ZodType>(schema: Schema, handle: (request: z.output<Schema>, now: number) => Reply): Handler =>
  (body, now) => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return handle(parsed.data, now);
    const issue = parsed.error.issues[0];
    return errorReply(9401020, issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : undefined);
  };

const tooLarge = (max: number) => errorReply(9401020, `page_size must be at most ${max}`);

/** The `/product/*` endpoints the emulator serves, by path. */
export const endpoints = ({ catalog, orders, freightTemplates, storeInfo }: ShopRecords): Record<string, Handler> => ({
  '/product/spu/get_list': withBody(spuListRequestSchema, ({ status, page, page_size }) => {
    if (page_size > SPU_PAGE_SIZE_MAX) return tooLarge(SPU_PAGE_SIZE_MAX);
    const { spus, total } = catalog.page(status, page, page_size);
    return okReply({ spus, total_num: total });
  }),
  '/product/spu/get': withBody(spuGetRequestSchema, ({ product_id }) => {
    const spu = catalog.spu(product_id);
    return spu ? okReply({ data: { spu } }) : errorReply(9401002, 'product not found');
  }),
  '/product/sku/get_list': withBody(skuListRequestSchema, ({ product_id }) =>
    catalog.spu(product_id)
      ? okReply({ skus: catalog.skusOf(product_id) })
      : errorReply(100002, 'product_id not found'),
  ),
  '/product/order/get_list': withBody(orderListRequestSchema, (request) => {
    if (request.page_size > ORDER_PAGE_SIZE_MAX) return tooLarge(ORDER_PAGE_SIZE_MAX);
    const { start_create_time, end_create_time, start_update_time, end_update_time } = request;
    const byCreate = start_create_time !== undefined && end_create_time !== undefined;
    const byUpdate = start_update_time !== undefined && end_update_time !== undefined;
    // Sending both pairs gets an empty list from the real API (community report).
    if (byCreate && byUpdate) return okReply({ orders: [], total_num: 0 });
    if (byCreate) {
      const { orders: page, total } = orders.page(
        'create_time',
        start_create_time,
        end_create_time,
        request.status,
        request.page,
        request.page_size,
      );
      return okReply({ orders: page, total_num: total });
    }
    if (byUpdate) {
      const { orders: page, total } = orders.page(
        'update_time',
        start_update_time,
        end_update_time,
        request.status,
        request.page,
        request.page_size,
      );
      return okReply({ orders: page, total_num: total });
    }
    return errorReply(9401020, 'give start_create_time/end_create_time or start_update_time/end_update_time');
  }),
  '/product/order/get': withBody(orderGetRequestSchema, ({ order_id }) => {
    const order = orders.get(order_id);
    return order ? okReply({ order }) : errorReply(100002, 'order not found');
  }),
  '/product/delivery/send': withBody(deliverySendRequestSchema, (request, now) => {
    const order = orders.get(request.order_id);
    if (!order) return errorReply(100002, 'order not found');
    const outcome = ship(order, request, Math.floor(now / 1000), toBeijingTime(now));
    if ('errcode' in outcome) return errorReply(outcome.errcode, outcome.detail);
    orders.put(outcome.order);
    return okReply();
  }),
  // The documented codes are -1, -2, 9401020 and 9401021: a parent the platform lacks is a bad parameter.
  '/product/category/get': withBody(categoryGetRequestSchema, ({ f_cat_id }) => {
    const children = childrenOf(f_cat_id);
    return children ? okReply({ cat_list: children }) : errorReply(9401020, `f_cat_id ${f_cat_id} not found`);
  }),
  '/product/delivery/get_freight_template': () => okReply({ template_list: freightTemplates() }),
  '/product/store/get_info': () => okReply({ data: storeInfo() }),
});

/** Parses the body text losslessly; unreadable JSON is the API's 47001. */
export const readBody = (text: string): { json: unknown } | { refused: Reply } => {
  try {
    return { json: text.trim() === '' ? {} : parseWireJson(text) };
  } catch {
    return { refused: errorReply(47001) };
  }
};
