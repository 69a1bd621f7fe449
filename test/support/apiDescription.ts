import { SELF } from 'cloudflare:test';

/** The parts of an OpenAPI 3.1 document the tests read. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface Answer {
  description?: string;
  content?: Record<string, { schema?: JsonSchema & { $ref?: string } }>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, Answer>;
}

export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
    schemas?: Record<string, JsonSchema>;
  };
}

export const DESCRIPTION_URL = 'http://hub/api/openapi.json';

export const apiDocument = async (): Promise<ApiDocument> => {
  const response = await SELF.fetch(DESCRIPTION_URL);
  if (response.status !== 200) throw new Error(`no API description: ${response.status} ${await response.text()}`);
  return response.json();
};

/** Every operation of the document, as `"METHOD /path"` (OpenAPI's path) with the operation. */
export const operationsOf = (document: ApiDocument): { route: string; operation: Operation }[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

/** The JSON schema of an operation's JSON body. */
export const jsonBodySchema = (operation: Operation | undefined): JsonSchema | undefined =>
  operation?.requestBody?.content['application/json']?.schema;

/**
 * The path (`skus.0.price`) of every field `schema` requires that `sample` has, nested objects
 * and each array's first item included.
 */
export const requiredFieldsIn = (schema: JsonSchema, sample: unknown, at: string[] = []): string[][] => {
  if (Array.isArray(sample)) return schema.items ? requiredFieldsIn(schema.items, sample[0], [...at, '0']) : [];
  if (typeof sample !== 'object' || sample === null) return [];
  const fields = sample as Record<string, unknown>;
  const own = (schema.required ?? []).filter((name) => name in fields).map((name) => [...at, name]);
  const nested = Object.entries(schema.properties ?? {}).flatMap(([name, property]) =>
    name in fields ? requiredFieldsIn(property, fields[name], [...at, name]) : [],
  );
  return [...own, ...nested];
};

/** A copy of `sample` without the field at `path`. */
export const without = (sample: unknown, path: string[]): unknown => {
  const copy = structuredClone(sample);
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy);
  delete (parent as Record<string, unknown>)[path[path.length - 1] ?? ''];
  return copy;
};

/** Every `$ref` anywhere in `value`. */
export const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === '$ref' && typeof item === 'string' ? [item] : refsIn(item),
  );
};
