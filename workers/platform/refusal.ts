/**
 * A strong operation that was refused for a reason the caller should hear (not a fault). Durable
 * Object RPC keeps plain data but not error classes, so refusals travel as values.
 */
export interface Refusal {
  refused: { status: 401 | 404 | 409; code: string; message: string; field?: string };
}

export const refusal = (status: 401 | 404 | 409, code: string, message: string, field?: string): Refusal => ({
  refused: field === undefined ? { status, code, message } : { status, code, message, field },
});

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && 'refused' in value;
