import { expect } from 'vitest';
import type { BookAddress } from '../../shared/checkout';
import { ADDRESSES_MAP, ORDERS_MAP, type OrderSummary } from '../../shared/docs/account';
import type { PickupPoint } from '../../workers/orders/records/pickupPointRecords';
import { admin } from './hub';
import { shopper } from './members';
import type { RoomClient } from './roomClient';

/** What `wx.chooseAddress` hands a mini-program, `errMsg` and all. */
export const chosenAddress = (overrides: Record<string, unknown> = {}) => ({
  errMsg: 'chooseAddress:ok',
  userName: '张三',
  postalCode: '310000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 90 号 3 楼',
  nationalCode: '330106',
  telNumber: '13812345678',
  ...overrides,
});

export const addressesPath = '/api/members/me/addresses';

/** Adds an address to the book behind `token`. */
export const addAddress = (token: string, body: unknown) => shopper('POST', addressesPath, body, token);

/** Adds an address that must be accepted, and answers the stored entry. */
export const addedAddress = async (token: string, body: unknown = chosenAddress()): Promise<BookAddress> => {
  const response = await addAddress(token, body);
  if (response.status !== 201) throw new Error(`address refused: ${response.status} ${await response.text()}`);
  return response.json();
};

/** The book as the member's HTTP API lists it. */
export const listedAddresses = async (token: string): Promise<BookAddress[]> => {
  const response = await shopper('GET', addressesPath, undefined, token);
  expect(response.status).toBe(200);
  return (await response.json<{ addresses: BookAddress[] }>()).addresses;
};

/** The ids of the book's default entries (a non-empty book has exactly one). */
export const defaultsOf = (book: BookAddress[]) => book.filter((a) => a.isDefault).map((a) => a.id);

/** The address book as an `account:` room shows it. */
export const roomAddresses = (client: RoomClient) =>
  client.doc.getMap(ADDRESSES_MAP).toJSON() as Record<string, BookAddress>;

/** One order as an `account:` room shows it. */
export const roomOrder = (client: RoomClient, orderId: string) =>
  client.doc.getMap(ORDERS_MAP).get(orderId) as OrderSummary | undefined;

/** A pickup point the operator adds. */
export const createPickupPoint = async (overrides: Record<string, unknown> = {}): Promise<PickupPoint> => {
  const response = await admin('POST', '/api/admin/pickup-points', {
    name: '西湖门店',
    provinceName: '浙江省',
    cityName: '杭州市',
    countyName: '西湖区',
    detailInfo: '文三路 1 号',
    telNumber: '13900000000',
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`pickup point refused: ${response.status} ${await response.text()}`);
  return response.json();
};

/** Sets how a product's freight is charged: `{freight}` in fen or `{templateId}`. */
export const setFreight = async (productId: string, setting: Record<string, unknown>) => {
  const response = await admin('PUT', `/api/admin/products/${productId}/freight`, setting);
  if (response.status !== 200) throw new Error(`freight refused: ${response.status} ${await response.text()}`);
};

/** An express delivery to an inline address (`wx.chooseAddress`'s, with `overrides`). */
export const expressTo = (overrides: Record<string, unknown> = {}) => ({
  kind: 'express',
  address: chosenAddress(overrides),
});
