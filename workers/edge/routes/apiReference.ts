import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import { API_DESCRIPTION, featureRoutes } from '../apiDescription';
import { cachedText, REFERENCE_CACHE } from '../httpCache';
import type { HubEnv } from '../hubEnv';

const DESCRIPTION_PATH = '/api/openapi.json';

const described = featureRoutes('reference', 'anyone');

const referencePage = Scalar<HubEnv>({ url: DESCRIPTION_PATH, pageTitle: 'mallsync hub API' });

/**
 * `GET /api/openapi.json`, the OpenAPI 3.1 document of `app` generated from its routes' own
 * schemas (once per isolate: the routes do not change while it runs), and `GET /api/docs`, the
 * Scalar page that browses it. `app` is asked for when first needed, as it mounts these routes.
 */
export const apiReferenceRoutes = (app: () => Hono<HubEnv>) => {
  let document: Promise<string> | undefined;
  const documentText = () => {
    document ??= generateSpecs(app(), API_DESCRIPTION).then((spec) => JSON.stringify(spec));
    return document;
  };
  return new Hono<HubEnv>()
    .get(
      '/openapi.json',
      described({
        summary: 'This API description (OpenAPI 3.1)',
        responses: { 200: 'the document', 304: 'unchanged' },
      }),
      async (c) => cachedText(c, await documentText(), 'application/json; charset=UTF-8', REFERENCE_CACHE),
    )
    .get(
      '/docs',
      described({
        summary: 'A browsable reference of this API',
        responses: { 200: { description: 'the HTML page', content: { 'text/html': {} } }, 304: 'unchanged' },
      }),
      async (c, next) => {
        const page = await referencePage(c, next);
        if (!page) throw new Error('the reference page rendered nothing');
        return cachedText(c, await page.text(), 'text/html; charset=UTF-8', REFERENCE_CACHE);
      },
    );
};
