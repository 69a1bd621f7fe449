import { describe, expect, it } from 'vitest';
import type { FreightTemplateRules } from '../../shared/checkout';
import { type FreightLine, orderFreight, undeliverableTemplates } from '../../workers/orders/rules/freight';

const region = (provinceName: string, cityName: string | null = null, countyName: string | null = null) => ({
  provinceName,
  cityName,
  countyName,
});

const HANGZHOU_XIHU = { provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区' };
const NINGBO = { provinceName: '浙江省', cityName: '宁波市', countyName: '海曙区' };

const rules = (overrides: Partial<FreightTemplateRules> = {}): FreightTemplateRules => ({
  free: false,
  charges: [
    { regions: [], isDefault: true, firstUnits: 1, firstPrice: 1_000, nextUnits: 1, nextPrice: 500 },
    { regions: [region('浙江省')], isDefault: false, firstUnits: 2, firstPrice: 600, nextUnits: 2, nextPrice: 300 },
    {
      regions: [region('浙江省', '杭州市', '西湖区')],
      isDefault: false,
      firstUnits: 1,
      firstPrice: 100,
      nextUnits: 1,
      nextPrice: 50,
    },
  ],
  freeWhen: [],
  noDelivery: [],
  ...overrides,
});

const templated = (pieces: number, amount: number, template = rules(), templateId = 't1'): FreightLine => ({
  productId: `p-${templateId}-${pieces}`,
  pieces,
  amount,
  setting: { kind: 'template', templateId, rules: template },
});

describe('freight rules', () => {
  it('charges by the region naming the address most closely: district over province over the default', () => {
    expect(orderFreight([templated(3, 3_000)], HANGZHOU_XIHU)).toBe(100 + 2 * 50);
    expect(orderFreight([templated(3, 3_000)], NINGBO)).toBe(600 + 300);
    expect(orderFreight([templated(3, 3_000)], { ...NINGBO, provinceName: '江苏省' })).toBe(1_000 + 2 * 500);
  });

  it('frees shipping only when every minimum a condition gives holds', () => {
    const both = rules({ freeWhen: [{ regions: [region('浙江省')], minUnits: 3, minAmount: 10_000 }] });
    expect(orderFreight([templated(3, 10_000, both)], NINGBO)).toBe(0);
    expect(orderFreight([templated(3, 9_999, both)], NINGBO)).toBe(900);
    expect(orderFreight([templated(2, 20_000, both)], NINGBO)).toBe(600);
    expect(orderFreight([templated(3, 10_000, both)], { ...NINGBO, provinceName: '江苏省' })).toBe(2_000);
  });

  it('adds one template’s pieces across products before charging, and templates to each other', () => {
    const second = rules({
      charges: [{ regions: [], isDefault: true, firstUnits: 1, firstPrice: 700, nextUnits: 3, nextPrice: 100 }],
    });
    const lines = [templated(1, 100), templated(2, 200), templated(4, 400, second, 't2')];
    expect(orderFreight(lines, NINGBO)).toBe(600 + 300 + (700 + 100));
  });

  it('charges the highest unified amount once, on top of the templates, and nothing for products without a setting', () => {
    const lines: FreightLine[] = [
      { productId: 'a', pieces: 5, amount: 500, setting: { kind: 'unified', amount: 300 } },
      { productId: 'b', pieces: 1, amount: 100, setting: { kind: 'unified', amount: 800 } },
      { productId: 'c', pieces: 9, amount: 900, setting: { kind: 'none' } },
      templated(1, 100),
    ];
    expect(orderFreight(lines, HANGZHOU_XIHU)).toBe(800 + 100);
  });

  it('charges nothing under a free template or one copied without rules', () => {
    const free: FreightLine = templated(5, 500, rules({ free: true }));
    const bare: FreightLine = {
      productId: 'x',
      pieces: 5,
      amount: 500,
      setting: { kind: 'template', templateId: 'old', rules: null },
    };
    expect(orderFreight([free, bare], NINGBO)).toBe(0);
  });

  it('names the templates that do not deliver to the address', () => {
    const closed = rules({ noDelivery: [region('浙江省', '宁波市')] });
    const lines = [templated(1, 100, closed, 'closed'), templated(1, 100, rules(), 'open')];
    expect(undeliverableTemplates(lines, NINGBO)).toEqual(['closed']);
    expect(undeliverableTemplates(lines, HANGZHOU_XIHU)).toEqual([]);
  });
});
