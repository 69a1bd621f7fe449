const FEN_PER_YUAN = 100;

/** `points` at a tier's percentage (100: as they are), rounded down. */
export const atTierPercent = (points: number, tierPercent: number): number => Math.floor((points * tierPercent) / 100);

/** Points an order earns: one per whole yuan paid, at the member tier's percentage. */
export const orderPoints = (payableFen: number, tierPercent: number): number =>
  atTierPercent(Math.floor(payableFen / FEN_PER_YUAN), tierPercent);

/** Whether an operator's points move goes by the member's tier: only a credit asked to. */
export const movesByTier = (adjustment: { delta: number; byTier?: boolean | undefined }): boolean =>
  adjustment.byTier === true && adjustment.delta > 0;
