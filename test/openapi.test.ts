import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json';
import { PRODUCT_SORTS } from '../shared/api/products';
import { DEVELOPMENT_SMS_CODE } from '../workers/members/providers/sms/developmentSms';
import {
  type ApiDocument,
  apiDocument,
  DESCRIPTION_URL,
  jsonBodySchema,
  type Operation,
  operationsOf,
  refsIn,
  requiredFieldsIn,
  without,
} from './support/apiDescription';
import { ADMIN, admin } from './support/hub';
import { fillPath, hubRoutes, methodOf, openApiPathOf, paramsOf } from './support/hubRoutes';
import { freshPhone, shopper } from './support/members';

/**
 * `GET /api/openapi.json` describes the hub's HTTP API from the zod schemas its routes validate
 * with, and `GET /api/docs` browses it. Every route of the app's own route table is in it, so a
 * route added without a description fails here.
 */
let document: ApiDocument;

beforeAll(async () => {
  document = await apiDocument();
});

const routes = hubRoutes();
const operationOf = (route: string): Operation | undefined =>
  document.paths[openApiPathOf(route)]?.[methodOf(route).toLowerCase()];

/** The member routes: behind `memberAuth` (`workers/edge/middleware/memberAuth.ts`), the renewal of a session too. */
const MEMBER_PREFIXES = ['/api/members/', '/api/coupons', '/api/orders', '/api/auth/renew'];
/** A staff member's own session: the cookie only (`workers/staff/routes/staffSession.ts`). */
const STAFF_SESSION_ROUTES = ['/api/staff/logout', '/api/staff/me'];
const securityOf = (route: string) => {
  const path = route.slice(route.indexOf(' ') + 1);
  // Admin routes take the API key or the staff cookie (`workers/staff/adminAccess.ts`).
  if (path.startsWith('/api/admin/')) return [{ adminToken: [] }, { staffSession: [] }];
  if (STAFF_SESSION_ROUTES.includes(path)) return [{ staffSession: [] }];
  if (MEMBER_PREFIXES.some((prefix) => path.startsWith(prefix))) return [{ memberToken: [] }];
  return [];
};

describe('the API description', () => {
  it('is an OpenAPI 3.1 document titled for the hub, at the version of the package, on relative servers', () => {
    expect(document).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'mallsync hub API', version: packageJson.version },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          adminToken: { type: 'http', scheme: 'bearer' },
          memberToken: { type: 'http', scheme: 'bearer' },
          staffSession: { type: 'apiKey', in: 'cookie', name: 'mallsync_staff' },
        },
      },
    });
  });

  it('describes every route of the hub under its method, and nothing else', () => {
    expect(routes.filter((route) => operationOf(route) === undefined)).toEqual([]);
    const described = operationsOf(document).map(({ route }) => route);
    expect(
      described.filter((route) => !routes.map((r) => `${methodOf(r)} ${openApiPathOf(r)}`).includes(route)),
    ).toEqual([]);
  });

  it.each(routes)('gives %s a summary, a declared tag, answers, and each path parameter', (route) => {
    const operation = operationOf(route);
    const tags = (document.tags ?? []).map((tag) => tag.name);
    expect(operation?.summary).toEqual(expect.stringMatching(/\S/));
    expect(operation?.tags).toEqual([expect.toBeOneOf(tags)]);
    expect(Object.keys(operation?.responses ?? {})).toContainEqual(expect.stringMatching(/^[123]\d\d$/));
    const declared = (operation?.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name);
    expect(declared.toSorted()).toEqual(paramsOf(route).toSorted());
  });

  it('names each operation once and refers only to components it has', () => {
    const ids = operationsOf(document).map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const components = document.components as Record<string, Record<string, unknown>>;
    const dangling = refsIn(document).filter((ref) => {
      const [, , kind, name] = ref.split('/');
      return ref.split('/')[0] !== '#' || components[kind ?? '']?.[name ?? ''] === undefined;
    });
    expect(dangling).toEqual([]);
  });

  it.each(routes)('asks %s for the token the hub asks for', (route) => {
    expect(operationOf(route)?.security).toEqual(securityOf(route));
  });

  it.each(routes.filter((route) => securityOf(route).length > 0))(
    '%s, described as needing a token, refuses a call without one with the described 401',
    async (route) => {
      const path = fillPath(route, Object.fromEntries(paramsOf(route).map((name) => [name, 'x1'])));
      const response = await SELF.fetch(`http://hub${path}`, { method: methodOf(route) });
      expect(response.status).toBe(401);
      expect(operationOf(route)?.responses?.['401']?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/Error',
      });
    },
  );
});

/** Bodies the routes take; what the description requires of each is checked against the route. */
const BODY_ROUTES = [
  {
    route: 'POST /api/admin/products',
    call: (body: unknown) => admin('POST', '/api/admin/products', body),
    body: () => ({ title: 'Described mug', skus: [{ title: 'Blue', price: 1200, stock: 5 }] }),
  },
  {
    route: 'POST /api/admin/pickup-points',
    call: (body: unknown) => admin('POST', '/api/admin/pickup-points', body),
    body: () => ({
      name: 'West Lake',
      provinceName: '浙江省',
      cityName: '杭州市',
      countyName: '西湖区',
      detailInfo: '1 号',
    }),
  },
  {
    route: 'POST /api/auth/phone',
    call: (body: unknown) => shopper('POST', '/api/auth/phone', body),
    body: () => ({ channel: 'h5', phone: freshPhone(), code: DEVELOPMENT_SMS_CODE }),
  },
];

describe('request schemas in the description', () => {
  it('requires a title and SKUs of a new product, and a price and stock of each SKU', () => {
    const schema = jsonBodySchema(operationOf('POST /api/admin/products'));
    expect(schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['title', 'skus']),
      additionalProperties: false,
      properties: { skus: { type: 'array', items: { required: expect.arrayContaining(['price', 'stock']) } } },
    });
  });

  it.each(BODY_ROUTES)(
    '$route refuses a body without each field the description requires, naming it',
    async (entry) => {
      const schema = jsonBodySchema(operationOf(entry.route));
      if (!schema) throw new Error(`${entry.route} describes no JSON body`);
      const sample = entry.body();
      const required = requiredFieldsIn(schema, sample);
      expect(required.length).toBeGreaterThan(0);
      for (const path of required) {
        const response = await entry.call(without(sample, path));
        expect({ status: response.status, body: await response.json() }).toEqual({
          status: 400,
          body: { error: { code: 'invalid_input', message: expect.any(String), field: path.join('.') } },
        });
      }
    },
  );

  it.each(BODY_ROUTES)('$route refuses a field the description does not have', async (entry) => {
    expect(jsonBodySchema(operationOf(entry.route))?.additionalProperties).toBe(false);
    const response = await entry.call({ ...(entry.body() as object), colour: 'blue' });
    expect({ status: response.status, body: await response.json() }).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_input', field: 'colour' } },
    });
  });

  it('lists the product sorts shoppers may ask for, and the listing takes each of them and no other', async () => {
    const sort = operationOf('GET /api/products')?.parameters?.find((p) => p.in === 'query' && p.name === 'sort');
    expect(sort?.schema?.enum).toEqual([...PRODUCT_SORTS]);
    for (const value of sort?.schema?.enum ?? []) {
      expect((await SELF.fetch(`http://hub/api/products?sort=${value}`)).status).toBe(200);
    }
    const refused = await SELF.fetch('http://hub/api/products?sort=cheapest');
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 400,
      body: { error: { field: 'sort' } },
    });
  });

  it('asks for the Idempotency-Key header of a new order', () => {
    const header = operationOf('POST /api/orders')?.parameters?.find((p) => p.in === 'header');
    expect(header).toMatchObject({ name: 'Idempotency-Key', required: true });
  });

  it('describes a bad field as the one error shape the hub answers', () => {
    const answer = operationOf('POST /api/admin/products')?.responses?.['400'];
    expect(answer?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(document.components.schemas?.Error).toMatchObject({
      required: ['error'],
      properties: { error: { required: ['code', 'message'] } },
    });
  });
});

describe('serving the description', () => {
  it('answers without credentials, cacheable, and 304 to a caller who has it', async () => {
    const first = await SELF.fetch(DESCRIPTION_URL);
    await first.arrayBuffer();
    expect(first.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(first.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.get('ETag');
    expect(etag).toMatch(/^".+"$/);
    const again = await SELF.fetch(DESCRIPTION_URL, { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('is the same for the admin as for anyone', async () => {
    const asAdmin = await SELF.fetch(DESCRIPTION_URL, { headers: ADMIN });
    expect(await asAdmin.json()).toEqual(document);
  });

  it('serves a browsable reference page at /api/docs that loads /api/openapi.json', async () => {
    const page = await SELF.fetch('http://hub/api/docs');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/);
    expect(html).toMatch(/<html/i);
    expect(html).toContain('/api/openapi.json');
    expect(html).toContain('mallsync hub API');
  });
});
