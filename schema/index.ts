export * from './authCodes';
export * from './catalog';
export * from './coupons';
export * from './ledgers';
export * from './members';
export * from './orders';
export * from './syncEvents';
export * from './tiers';
