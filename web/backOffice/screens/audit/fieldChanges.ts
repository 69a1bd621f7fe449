import { yuan } from '../../../../shared/money';

/** One field an audited write changed, both sides worded for reading. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields that hold fen, shown in yuan. */
const FEN_FIELDS = new Set(['price', 'minSpend', 'amount', 'balance', 'originalPrice']);

/** Stamps are ms since the epoch in fields named `…At`: shown as a date and time. */
const STAMP_AFTER = Date.UTC(2000, 0, 1);

/** A value as an operator reads it: no quotes or braces. */
export const readable = (value: unknown, field = ''): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && FEN_FIELDS.has(field)) return yuan(value);
  if (typeof value === 'number' && field.endsWith('At') && value > STAMP_AFTER) return new Date(value).toLocaleString();
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => readable(item)).join(', ');
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([key, inner]) => `${key} ${readable(inner, key)}`)
      .join(', ');
  }
  return String(value);
};

/**
 * What differs between `before` and `after`, field by field, in the order the record names them;
 * a record that was created (nothing before) shows each field it was created with.
 */
export const fieldChanges = (before: unknown, after: unknown): FieldChange[] => {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: 'value', before: readable(before), after: readable(after) }];
  }
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return fields
    .map((field) => ({ field, before: readable(was[field], field), after: readable(now[field], field) }))
    .filter((change) => change.before !== change.after);
};
