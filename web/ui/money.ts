/** A price in fen as shoppers read it: `¥99.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
