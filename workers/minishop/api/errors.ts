/** A call the Mini-Shop API answered with a non-zero `errcode`, after any retries. */
export class MiniShopApiError extends Error {
  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${path}: errcode ${errcode} ${errmsg}`);
    this.name = 'MiniShopApiError';
  }
}

/** 45009: the daily quota is spent. Retrying cannot help until it resets, so the run stops. */
export class MiniShopQuotaExhaustedError extends MiniShopApiError {
  override name = 'MiniShopQuotaExhaustedError';
}

/** The API kept answering with an HTTP error (5xx, outage) or an unreadable body. */
export class MiniShopUnavailableError extends Error {
  constructor(
    readonly path: string,
    readonly httpStatus: number,
    detail: string,
  ) {
    super(`${path}: HTTP ${httpStatus} ${detail}`);
    this.name = 'MiniShopUnavailableError';
  }
}

/** Codes from docs/minishop-api.md that the client acts on. */
export const ERRCODE = {
  systemBusy: -1,
  invalidToken: 40001,
  tokenExpired: 42001,
  dailyQuota: 45009,
  minuteQuota: 45011,
  frequencyLimit: 300000,
  orderInAfterSale: 108009,
  invalidParameter: 9401020,
  shippingFailed: 109000,
  alreadyShipped: 109001,
} as const;

/** Answers worth another try after a pause. */
export const isTransientErrcode = (errcode: number): boolean =>
  errcode === ERRCODE.systemBusy || errcode === ERRCODE.minuteQuota || errcode === ERRCODE.frequencyLimit;

export const isTokenErrcode = (errcode: number): boolean =>
  errcode === ERRCODE.invalidToken || errcode === ERRCODE.tokenExpired;
