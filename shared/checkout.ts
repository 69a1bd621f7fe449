/**
 * How an order reaches its buyer: a parcel by express, a same-city courier, or collected by the
 * buyer at a pickup point (no freight).
 */
export const DELIVERY_KINDS = ['express', 'same_city', 'self_pickup'] as const;

export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * A postal address under the names WeChat's address picker (`wx.chooseAddress`) gives its fields,
 * so a mini-program stores its result unchanged. `telNumber` is kept in E.164
 * (`workers/members/rules/phoneNumbers.ts`); absent optional fields are null.
 */
export interface PostalAddress {
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  streetName: string | null;
  detailInfo: string;
  postalCode: string | null;
  nationalCode: string | null;
}

/** An entry of the member's address book. */
export interface BookAddress extends PostalAddress {
  id: string;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A pickup point as an order keeps it (a Mini-Shop order's point has no id here). */
export interface PickupPointSnapshot {
  id: string | null;
  name: string;
  provinceName: string | null;
  cityName: string | null;
  countyName: string | null;
  detailInfo: string;
  telNumber: string | null;
}

/** A parcel on its way: the carrier's code (`SF`, `ZTO`…) and its waybill number. */
export interface Shipment {
  carrier: string | null;
  waybill: string | null;
  shippedAt: number;
}

/** A region a freight rule names: a province, or a city of it, or a district; null is "any". */
export interface FreightRegion {
  provinceName: string | null;
  cityName: string | null;
  countyName: string | null;
}

/**
 * What a freight template copied from a Mini-Shop charges (`get_freight_template`,
 * docs/minishop-api.md §3.3), in the units of its valuation (pieces, or kilograms).
 */
export interface FreightTemplateRules {
  /** The template ships free everywhere (`shipping_method` 1). */
  free: boolean;
  /** First units for `firstPrice`, then each `nextUnits` started for `nextPrice`; per region. */
  charges: Array<{
    regions: FreightRegion[];
    isDefault: boolean;
    firstUnits: number;
    firstPrice: number;
    nextUnits: number;
    nextPrice: number;
  }>;
  /** Free shipping where every condition given holds (pieces or weight, and goods amount). */
  freeWhen: Array<{ regions: FreightRegion[]; minUnits: number | null; minAmount: number | null }>;
  /** Regions the template does not deliver to. */
  noDelivery: FreightRegion[];
}
