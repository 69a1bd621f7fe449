import { describe, expect, it } from 'vitest';
import type { FlashSale } from '../../shared/docs/sku';
import { overFlashLimit, priceAt, priceGiven } from '../../workers/catalog/rules/flashPricing';

const sale: FlashSale = {
  saleId: 'fs_1',
  name: '双十二',
  price: 99,
  startsAt: 1_000,
  endsAt: 2_000,
  channels: ['mini', 'app'],
  perMemberLimit: 2,
};
const sku = { price: 500, flash: sale };

describe('flash pricing', () => {
  it('charges the flash price on the sale’s channels while it runs, the SKU’s price otherwise', () => {
    expect(priceAt(sku, 'mini', 1_000)).toEqual({ price: 99, sale });
    expect(priceAt(sku, 'app', 1_999)).toEqual({ price: 99, sale });
    expect(priceAt(sku, 'h5', 1_500)).toEqual({ price: 500, sale: null });
    expect(priceAt(sku, 'mini', 999)).toEqual({ price: 500, sale: null });
    expect(priceAt(sku, 'mini', 2_000)).toEqual({ price: 500, sale: null });
    expect(priceAt({ price: 500, flash: null }, 'mini', 1_500)).toEqual({ price: 500, sale: null });
  });

  it('keeps the price a reservation was given when it is asked for again', () => {
    expect(priceGiven({ price: 500 }, 99)).toBe(99);
    expect(priceGiven({ price: 500 }, null)).toBe(500);
  });

  it('holds a member to the sale’s limit over everything already ordered', () => {
    expect(overFlashLimit(sale, 0, 2)).toBe(false);
    expect(overFlashLimit(sale, 1, 1)).toBe(false);
    expect(overFlashLimit(sale, 1, 2)).toBe(true);
    expect(overFlashLimit({ ...sale, perMemberLimit: null }, 100, 100)).toBe(false);
  });
});
