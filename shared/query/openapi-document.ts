// Builds the OpenAPI 3.1 document from the route table, the parameter specs, the reply schemas and
// the error codes: nothing in it is written twice, so it cannot disagree with what the API does.
import { ERROR_CODES } from './api-reply';
import { API_SCHEMAS } from './api-schemas';
import type { JsonSchema } from './item-fields';
import { PATH_PARAMETERS, QUERY_PARAMETERS, TAG_FILTERS, isPathParameterName } from './query-parameters';
import type { QueryRoute } from './query-route';
import { CSV_COLUMNS, CSV_RULES, EXPORT_CONTENT_TYPES } from './resource-export';
import { templateParameters } from './route-matcher';

export const API_TITLE = 'resource-inventory query API';
export const API_VERSION = '1.0.0';

const DESCRIPTION = [
  'Read-only HTTP API over the resource index. Every reply is JSON, except the web page at `/` and its script and style sheet.',
  '',
  '**Ids in paths.** Resource ids are ARNs (or fallback ids) and contain `/` and `:`: percent-encode them (`encodeURIComponent`), e.g. `/resources/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fops%2Fdeploy`. Behind a gateway that decodes `%2F` the id arrives with raw slashes and is still found; a path ending in `/history` is then read as the history route first, and as a resource id ending in `/history` only when no resource has the shorter id.',
  '',
  '**Query strings** are form-encoded (`+` is a space, send a literal plus as `%2B`). Each parameter may appear once; an unknown parameter is an error, not ignored.',
  '',
  '**Paging.** Lists return `{items, nextCursor}`. `nextCursor` is null on the last page and a string while more items may follow (a page can then be short, even empty). Pass it back unchanged as `cursor` with the same filters (only `limit` may change); it is signed and bound to those filters.',
  '',
  `**Errors** have the body \`{"error": {"code", "message", "parameter"}}\`; \`parameter\` names the offending parameter on every 400. Codes: ${Object.entries(
    ERROR_CODES,
  )
    .map(([code, { status }]) => `\`${code}\` (${status})`)
    .join(', ')}. A method other than GET on a known path answers 405 with an \`Allow\` header.`,
].join('\n');

const json = (schema: JsonSchema, contentType = 'application/json') => ({ [contentType]: { schema } });
const schemaRef = (name: keyof typeof API_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

const ERROR_RESPONSES = {
  BadRequest: 'An invalid, unknown or repeated parameter, or a bad cursor; `parameter` names it.',
  NotFound: 'No such resource, stack or route.',
  InternalError: 'An unexpected server failure (never caused by what a client sends).',
} as const;

export interface OpenApiOptions {
  /**
   * The OpenID Connect issuer URL people sign in with (for Cognito, the user pool's issuer), when
   * the deployment has a sign-in; the document then offers it beside SigV4.
   */
  signInIssuer?: string;
}

/** The security scheme names, as operations and clients refer to them. */
export const SECURITY_SCHEMES = { sigv4: 'sigv4', signIn: 'signIn' } as const;

export function buildOpenApiDocument(
  routes: readonly QueryRoute[],
  options: OpenApiOptions = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  const signIn = options.signInIssuer?.replace(/\/+$/, '');
  return {
    openapi: '3.1.0',
    info: {
      title: API_TITLE,
      version: API_VERSION,
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: '/',
        description:
          'The API that served this document: a deployed stage (the stack output ApiUrl) or the local runtime (`npm start`).',
      },
    ],
    // Any one of these: SigV4 for programs; the sign-in for people where the deployment has one.
    // Without a sign-in issuer (the local runtime) a request may also carry no credentials at all.
    security: [{ [SECURITY_SCHEMES.sigv4]: [] }, ...(signIn ? [{ [SECURITY_SCHEMES.signIn]: [] }] : [{}])],
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEMES.sigv4]: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'AWS Signature Version 4 for service `execute-api` with credentials allowed `execute-api:Invoke` on the API (IAM authorization), e.g. `awscurl --service execute-api`, or the `resource-inventory` CLI. The local runtime accepts requests without it.',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
        ...(signIn
          ? {
              [SECURITY_SCHEMES.signIn]: {
                type: 'openIdConnect',
                openIdConnectUrl: `${signIn}/.well-known/openid-configuration`,
                description:
                  'Sign-in for people: the ID or access token of the user pool, as `Authorization: Bearer <token>`; the web page at / signs in with it.',
              },
            }
          : {}),
      },
      schemas: API_SCHEMAS,
      parameters: {
        ...Object.fromEntries(
          Object.entries(QUERY_PARAMETERS).map(([name, spec]) => [
            `query-${name}`,
            { name, in: 'query', required: false, description: spec.description, schema: spec.schema },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(PATH_PARAMETERS).map(([name, spec]) => [
            `path-${name}`,
            { name, in: 'path', required: true, description: spec.description, schema: spec.schema },
          ]),
        ),
        'tag-filters': tagParameter(),
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, description]) => [
          name,
          { description, content: json(schemaRef('Error')) },
        ]),
      ),
    },
  };
}

function operationOf(route: QueryRoute): Record<string, unknown> {
  const pathNames = templateParameters(route.path).filter(isPathParameterName);
  const parameters = [
    ...pathNames.map((name) => parameterRef(`path-${name}`)),
    ...route.queryParameters.map((name) => parameterRef(`query-${name}`)),
    ...(route.tagFilters ? [parameterRef('tag-filters')] : []),
  ];
  const responses: Record<string, unknown> = {
    '200': {
      description: route.response.description,
      content: {
        ...json(schemaRef(route.response.schema), route.response.contentType),
        ...(route.exportable ? exportContent() : {}),
      },
      ...(route.exportable ? { headers: { 'X-Next-Cursor': nextCursorHeader() } } : {}),
    },
    '400': responseRef('BadRequest'),
    ...(pathNames.length > 0 ? { '404': responseRef('NotFound') } : {}),
    '500': responseRef('InternalError'),
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
  };
}

/**
 * `tag.<Key>=<Value>` pairs: OpenAPI's way to describe free-form query parameters is one object
 * parameter in form style, exploded, whose property names are the parameter names.
 */
function tagParameter(): Record<string, unknown> {
  return {
    name: 'tags',
    in: 'query',
    required: false,
    style: 'form',
    explode: true,
    description: `Tag filters: one \`${TAG_FILTERS.prefix}<Key>=<Value>\` parameter per tag, e.g. \`${TAG_FILTERS.prefix}team=blue\`; every one must match (a key may appear once, at most ${TAG_FILTERS.maxCount} of them). ${TAG_FILTERS.key.description} ${TAG_FILTERS.value.description}`,
    schema: {
      type: 'object',
      propertyNames: { pattern: `^${TAG_FILTERS.prefix.replace('.', '\\.')}.+$` },
      additionalProperties: TAG_FILTERS.value.schema,
      maxProperties: TAG_FILTERS.maxCount,
    },
  };
}

/** `format=csv|ndjson`: the same page, its items only, the cursor in a header. */
function exportContent(): Record<string, unknown> {
  const columns = CSV_COLUMNS.map((column) => `\`${column.name}\` (${column.description})`).join(', ');
  return {
    [EXPORT_CONTENT_TYPES.csv.split(';')[0]]: {
      schema: { type: 'string', description: `With format=csv. Columns: ${columns}. ${CSV_RULES}` },
    },
    [EXPORT_CONTENT_TYPES.ndjson.split(';')[0]]: {
      schema: {
        type: 'string',
        description: 'With format=ndjson: one Resource object per line, each line ending with LF.',
      },
    },
  };
}

function nextCursorHeader(): Record<string, unknown> {
  return {
    description:
      'With format=csv or ndjson: the cursor of the next page (as nextCursor in JSON); absent on the last page.',
    schema: { type: 'string' },
  };
}

const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const responseRef = (name: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${name}` });
