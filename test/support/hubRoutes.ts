import { app } from '../../workers/edge/app';

/**
 * Every route the edge app serves, as `"METHOD /path"`, read from Hono's own route table. The
 * table also lists `use()` middleware (as `ALL` on a `*` path) and each handler of a chain under
 * the same method and path; neither is a route of its own.
 */
export const hubRoutes = (): string[] => [
  ...new Set(
    app.routes
      .filter((route) => !(route.method === 'ALL' && route.path.endsWith('*')))
      .map((route) => `${route.method} ${route.path}`),
  ),
];

export const methodOf = (route: string): string => route.slice(0, route.indexOf(' '));

export const pathOf = (route: string): string => route.slice(route.indexOf(' ') + 1);

/** The `:name` parameters of a route. */
export const paramsOf = (route: string): string[] =>
  [...pathOf(route).matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');

/** The route's path with each `:name` filled from `values`; throws naming a parameter it has no value for. */
export const fillPath = (route: string, values: Readonly<Record<string, string>>): string =>
  pathOf(route).replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} of ${route}`);
    return encodeURIComponent(value);
  });

/** The route's path as OpenAPI writes it: `:name` becomes `{name}`. */
export const openApiPathOf = (route: string): string => pathOf(route).replace(/:(\w+)/g, '{$1}');
