import type { FreightRegion, FreightTemplateRules } from '../../../shared/checkout';

/** How one product is charged for: a unified amount, a freight template, or nothing set (free). */
export type FreightSetting =
  | { kind: 'unified'; amount: number }
  | { kind: 'template'; templateId: string; rules: FreightTemplateRules | null }
  | { kind: 'none' };

/** One product of an order: how many pieces, what they cost, how its freight is set. */
export interface FreightLine {
  productId: string;
  pieces: number;
  amount: number;
  setting: FreightSetting;
}

/** Where the parcel goes. */
export interface Destination {
  provinceName: string;
  cityName: string;
  countyName: string;
}

/** How closely `region` names the destination: the fields it names, or -1 when one differs. */
const closeness = (region: FreightRegion, to: Destination): number => {
  const named = [
    [region.provinceName, to.provinceName],
    [region.cityName, to.cityName],
    [region.countyName, to.countyName],
  ].filter(([wanted]) => wanted !== null);
  return named.every(([wanted, actual]) => wanted === actual) ? named.length : -1;
};

/** The best match among `regions` (an empty list is everywhere, matching least closely). */
const bestMatch = (regions: FreightRegion[], to: Destination): number =>
  regions.length === 0 ? 0 : Math.max(...regions.map((region) => closeness(region, to)));

/** First units at the first price, then each block of next units started at the next price. */
const charge = (rule: FreightTemplateRules['charges'][number], units: number): number => {
  const beyond = Math.max(0, units - rule.firstUnits);
  const blocks = rule.nextUnits > 0 ? Math.ceil(beyond / rule.nextUnits) : 0;
  return rule.firstPrice + blocks * rule.nextPrice;
};

/**
 * What one template charges for the units and goods amount of the products using it: nothing
 * when it ships free or a free-shipping condition of the destination holds; else the rule of the
 * region naming the destination most closely (province, city, district), or its default rule.
 * Products here carry no weight, so a template valued by weight counts each piece as one unit.
 */
const templateCharge = (rules: FreightTemplateRules, units: number, amount: number, to: Destination): number => {
  if (rules.free) return 0;
  const freed = rules.freeWhen.some(
    (condition) =>
      bestMatch(condition.regions, to) >= 0 &&
      (condition.minUnits !== null || condition.minAmount !== null) &&
      (condition.minUnits === null || units >= condition.minUnits) &&
      (condition.minAmount === null || amount >= condition.minAmount),
  );
  if (freed) return 0;
  const ranked = rules.charges
    .filter((rule) => rule.regions.length > 0)
    .map((rule) => ({ rule, match: bestMatch(rule.regions, to) }))
    .filter(({ match }) => match > 0)
    .sort((a, b) => b.match - a.match);
  const rule = ranked[0]?.rule ?? rules.charges.find((r) => r.isDefault || r.regions.length === 0);
  return rule ? charge(rule, units) : 0;
};

/** The templates among the lines that do not deliver to the destination. */
export const undeliverableTemplates = (lines: FreightLine[], to: Destination): string[] => [
  ...new Set(
    lines.flatMap(({ setting }) =>
      setting.kind === 'template' && setting.rules?.noDelivery.some((region) => closeness(region, to) > 0)
        ? [setting.templateId]
        : [],
    ),
  ),
];

/**
 * An order's freight to `to`: the highest unified amount among its products (one parcel carries
 * them all, as Youzan charges unified freight), plus, per template, that template's charge for
 * all the pieces and goods amount of the products using it.
 */
export const orderFreight = (lines: FreightLine[], to: Destination): number => {
  const unified = Math.max(0, ...lines.map((l) => (l.setting.kind === 'unified' ? l.setting.amount : 0)));
  const byTemplate = new Map<string, { rules: FreightTemplateRules | null; units: number; amount: number }>();
  for (const line of lines) {
    if (line.setting.kind !== 'template') continue;
    const sum = byTemplate.get(line.setting.templateId) ?? { rules: line.setting.rules, units: 0, amount: 0 };
    sum.units += line.pieces;
    sum.amount += line.amount;
    byTemplate.set(line.setting.templateId, sum);
  }
  let templated = 0;
  for (const { rules, units, amount } of byTemplate.values()) {
    if (rules) templated += templateCharge(rules, units, amount, to);
  }
  return unified + templated;
};
