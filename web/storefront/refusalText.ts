import { HubError } from '../../sdk/src/http';

/** What went wrong, as the shopper reads it: the hub's message for a refusal, a plain one otherwise. */
export const refusalText = (error: unknown): string =>
  error instanceof HubError
    ? error.message
    : error instanceof Error && error.message
      ? error.message
      : 'Something went wrong. Try again.';

/** The field a refusal names (`phone`, `items.0.skuId`, `delivery.address.telNumber`), if any. */
export const refusedField = (error: unknown): string | null =>
  error instanceof HubError ? (error.field ?? null) : null;
