import type { BookAddress } from '../../../shared/checkout';
import { call, type PlacedOrder } from './hubApi';
import type { WranglerDev } from './wranglerDev';

/** What `wx.chooseAddress` hands a mini-program, `errMsg` and all, which it posts unchanged. */
export const chosenAddress = {
  errMsg: 'chooseAddress:ok',
  userName: '林小雨',
  telNumber: '13912345678',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 90 号 3 楼',
  postalCode: '310000',
  nationalCode: '330106',
} as const;

/** `POST /api/members/me/addresses`: an entry in the address book of the member the token names. */
export const saveAddress = (hub: WranglerDev, token: string, address: Record<string, unknown>) =>
  call<BookAddress>(hub, 'POST', '/api/members/me/addresses', 201, { token, body: address });

/** `PUT /api/admin/products/:id/freight`: one unified amount (fen) per order holding the product. */
export const setUnifiedFreight = (hub: WranglerDev, productId: string, freight: number) =>
  call<{ productId: string; freight: number }>(hub, 'PUT', `/api/admin/products/${productId}/freight`, 200, {
    admin: true,
    body: { freight },
  });

/** `POST /api/admin/orders/:id/ship` as the operator, with the carrier's code and the waybill. */
export const shipOrder = (hub: WranglerDev, orderId: string, carrier: string, waybill: string) =>
  call<{ orderId: string; status: string }>(hub, 'POST', `/api/admin/orders/${orderId}/ship`, 200, {
    admin: true,
    body: { deliveryId: carrier, waybillId: waybill },
  });

/** `GET /api/orders/:id` as the member the token names, on the token's channel. */
export const memberOrder = (hub: WranglerDev, token: string, orderId: string) =>
  call<PlacedOrder>(hub, 'GET', `/api/orders/${orderId}`, 200, { token });
