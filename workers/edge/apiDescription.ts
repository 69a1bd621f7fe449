import {
  type DescribeRouteOptions,
  describeRoute,
  type GenerateSpecOptions,
  type ResponsesWithResolver,
} from 'hono-openapi';
import type { OpenAPIV3_1 } from 'openapi-types';
import packageJson from '../../package.json';

/**
 * Who may call a route, as `/api/openapi.json` tells storefront developers:
 * `anyone`; a `member` token (a guest's too, unless the route says otherwise, `middleware/memberAuth.ts`);
 * `admin`: the API key or a staff session cookie, with the route's permission (`workers/staff/adminAccess.ts`,
 * every `/api/admin/*` route); `staff`: a staff session cookie.
 */
export type Caller = 'anyone' | 'member' | 'admin' | 'staff';

const SECURITY: Record<Caller, NonNullable<DescribeRouteOptions['security']>> = {
  anyone: [],
  member: [{ memberToken: [] }],
  admin: [{ adminToken: [] }, { staffSession: [] }],
  staff: [{ staffSession: [] }],
};

const ERROR_ANSWER = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** What a caller without the right token gets, before the route runs. */
const REFUSED_CALLER: Record<Caller, ResponsesWithResolver> = {
  anyone: {},
  member: { 401: { description: 'no valid member token', content: ERROR_ANSWER } },
  admin: {
    401: { description: 'neither the API key nor a staff session', content: ERROR_ANSWER },
    403: { description: "`forbidden`: the staff member's role lacks the route's permission", content: ERROR_ANSWER },
  },
  staff: { 401: { description: 'no staff session', content: ERROR_ANSWER } },
};

type Answer = ResponsesWithResolver[string];

export interface RouteDescription {
  summary: string;
  description?: string;
  /**
   * Each status the route answers, with what it means: an error status (400 and up) answers the
   * error shape; 204 and 304 have no body; any other status answers JSON. A response object in
   * place of the text says more (another media type).
   */
  responses: Record<number, string | Answer>;
  /** Request parts no zod schema validates (the zod-validated ones are recorded by `validate`). */
  parameters?: DescribeRouteOptions['parameters'];
  requestBody?: DescribeRouteOptions['requestBody'];
}

const answerOf = (status: number, answer: string | Answer): Answer => {
  if (typeof answer !== 'string') return answer;
  if (status >= 400) return { description: answer, content: ERROR_ANSWER };
  if (status === 204 || status === 304) return { description: answer };
  return { description: answer, content: { 'application/json': {} } };
};

/** `describeRoute` for the routes of one feature: its tag, who may call them, what each answers. */
export const featureRoutes =
  (tag: string, caller: Caller) =>
  ({ responses, ...route }: RouteDescription) =>
    describeRoute({
      tags: [tag],
      security: SECURITY[caller],
      ...route,
      responses: {
        ...REFUSED_CALLER[caller],
        ...Object.fromEntries(
          Object.entries(responses).map(([status, answer]) => [status, answerOf(Number(status), answer)]),
        ),
      },
    });

const TAGS = [
  { name: 'catalog', description: 'Products, SKUs, categories and pictures as storefronts read them' },
  { name: 'auth', description: 'Logins on any channel: phone, WeChat, guest' },
  { name: 'members', description: "The calling member's own account and address book" },
  { name: 'coupons', description: 'Coupons a member sees and claims' },
  { name: 'orders', description: "A member's orders, pickup points" },
  { name: 'payments', description: 'Payment notifications from the provider' },
  { name: 'sync', description: 'The y-websocket endpoint and health' },
  { name: 'admin catalog', description: 'Products, SKUs, categories, images and flash sales for operators' },
  { name: 'admin members', description: 'Members, tiers and coupons for operators' },
  { name: 'admin orders', description: 'Orders, shipping, freight and pickup points for operators' },
  { name: 'minishop', description: 'WeChat Mini-Shop binding, sync rules, migrations and third-party sales' },
  { name: 'monitor', description: 'Consistency checks, the sync log and Force Sync' },
  { name: 'staff', description: 'Staff sign-in, accounts and roles, socket tickets and the audit log' },
  { name: 'reference', description: 'This description and its browsable page' },
];

/** The error shape of every refusal (`workers/platform/errorShape.ts`). */
const ERROR_SCHEMA: OpenAPIV3_1.SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['invalid_input', 'not_found', 'unauthorized'] },
        message: { type: 'string' },
        field: { type: 'string', description: 'the request field at fault, as the client wrote it: `skus.0.price`' },
      },
    },
  },
};

/** How `generateSpecs` describes the hub's app. */
export const API_DESCRIPTION: Partial<GenerateSpecOptions> = {
  documentation: {
    openapi: '3.1.0',
    info: {
      title: 'mallsync hub API',
      version: packageJson.version,
      description:
        'The HTTP API of the mallsync hub, generated from the zod schemas its routes validate with. ' +
        'Every refusal answers `{ error: { code, message, field? } }`; a JSON body sent as anything but ' +
        '`application/json` is refused with 415. Live state reaches storefronts over `GET /sync/{room}` ' +
        '(the y-websocket protocol), not through this API.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    components: {
      securitySchemes: {
        memberToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'a member or guest token from `POST /api/auth/*`',
        },
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'the API key for scripts (`ADMIN_TOKEN`), acting as owner',
        },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'mallsync_staff',
          description: 'the session cookie `POST /api/staff/login` sets; writes must come from this origin',
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
  },
  // `/api/openapi.json` itself is a route, not a static file.
  excludeStaticFile: false,
  defaultValidationErrorResponse: { description: 'a field is invalid; the error names it', content: ERROR_ANSWER },
};
