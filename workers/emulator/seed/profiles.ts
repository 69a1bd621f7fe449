import { z } from 'zod';

/** A shop the emulator serves: credentials, and the seed and sizes its data is generated from. */
export const shopProfileSchema = z.strictObject({
  appid: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
  secret: z.string().min(8).max(128),
  name: z.string().min(1).max(60).default('Emulated Mini-Shop'),
  seed: z.int().nonnegative().default(1),
  products: z.int().min(1).max(2_000).default(300),
  orders: z.int().min(0).max(10_000).default(3_000),
});
export type ShopProfile = z.output<typeof shopProfileSchema>;

/** The shop `npm start` serves without any set-up (README: "Mini-Shop emulator"). */
export const SEEDED_SHOPS: ShopProfile[] = [
  {
    appid: 'wx8d3f5a1c2b7e9046',
    secret: 'emulator-stationery-secret',
    name: '小明文具小商店',
    seed: 2021,
    products: 300,
    orders: 3_000,
  },
];
