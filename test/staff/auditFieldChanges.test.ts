import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../../web/backOffice/screens/audit/fieldChanges';

const coupon = {
  id: 7,
  title: 'Winter',
  kind: 'amount',
  value: 1000,
  minSpend: 9900,
  channels: ['pc', 'h5'],
  disabledAt: null,
  status: 'active',
};

describe("the audit log's before → after", () => {
  it('shows only the fields an edit changed, money in yuan and nothing of JSON', () => {
    const changes = fieldChanges(coupon, {
      ...coupon,
      minSpend: 19900,
      channels: ['pc', 'h5', 'app'],
      status: 'ended',
    });
    expect(changes).toEqual([
      { field: 'minSpend', before: '¥99.00', after: '¥199.00' },
      { field: 'channels', before: 'pc, h5', after: 'pc, h5, app' },
      { field: 'status', before: 'active', after: 'ended' },
    ]);
  });

  it('shows a stamp set by the edit as a date and time, and a record created with the fields it was given', () => {
    const disabledAt = Date.UTC(2026, 11, 2, 8, 0);
    const [disabled] = fieldChanges(coupon, { ...coupon, disabledAt });
    expect(disabled).toEqual({ field: 'disabledAt', before: '—', after: new Date(disabledAt).toLocaleString() });

    const created = fieldChanges(null, coupon);
    expect(created.map((change) => change.field)).toEqual([
      'id',
      'title',
      'kind',
      'value',
      'minSpend',
      'channels',
      'status',
    ]);
    expect(created.every((change) => change.before === '—')).toBe(true);
  });
});
