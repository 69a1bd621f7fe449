import { ObservableV2 } from 'lib0/observable';
import { describe, expect, it } from 'vitest';
import type { Refusal, StorefrontEvents } from '../sdk/src/events';
import { HubError, HubHttp } from '../sdk/src/http';

/** The SDK's HTTP calls, each answer a value, a `HubError` and a `refusal` event a storefront can show. */
const calls = (fetcher: typeof fetch) => {
  const events = new ObservableV2<StorefrontEvents>();
  const refusals: Refusal[] = [];
  events.on('refusal', (refusal) => refusals.push(refusal));
  return { http: new HubHttp('http://hub', fetcher, events), refusals };
};

describe('the SDK calling the hub over HTTP', () => {
  it('says so when no hub answers at all, with an error a page can show and an unreachable event', async () => {
    const { http, refusals } = calls(() => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await http.call('GET', '/api/categories').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HubError);
    expect(failure).toMatchObject({ status: 0, code: 'unreachable' });
    expect(refusals).toEqual([{ kind: 'unreachable', message: 'Failed to fetch' }]);
  });

  it('turns a refusal into the hub’s error, field named, and a rejected event', async () => {
    const body = { error: { code: 'invalid_input', message: 'phone: not a phone number', field: 'phone' } };
    const { http, refusals } = calls(async () => new Response(JSON.stringify(body), { status: 400 }));
    await expect(http.call('POST', '/api/auth/phone/code', { body: { phone: '1' } })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'phone',
    });
    expect(refusals).toEqual([{ kind: 'rejected', status: 400, ...body.error }]);
  });
});
