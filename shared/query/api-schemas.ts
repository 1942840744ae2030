// The JSON Schemas of every reply body, built from the item field lists and the error codes; the
// OpenAPI document publishes them as its components and routes name the one they answer with.
import { ERROR_CODES } from './api-reply';
import {
  HISTORY_FIELDS,
  RESOURCE_FIELDS,
  STACK_FIELDS,
  STACK_MEMBERSHIP_FIELDS,
  TAG_CHANGE_FIELDS,
  PRINCIPAL_FIELDS,
  CHANGE_FIELDS,
  SNAPSHOT_RUN_FIELDS,
  itemSchema,
} from './item-fields';
import type { JsonSchema } from './item-fields';

const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });

const COUNTS = (by: string) => ({
  type: 'object',
  description: `Count of rows by ${by}; values with no row are absent.`,
  additionalProperties: { type: 'integer', minimum: 1 },
});

function pageSchema(description: string, item: string): JsonSchema {
  return {
    type: 'object',
    description,
    properties: {
      items: { type: 'array', items: ref(item) },
      nextCursor: {
        type: ['string', 'null'],
        description:
          'Pass as `cursor` (with the same filters) for the next page; null when there are no more items. A page may be short or even empty while nextCursor is not null.',
      },
    },
    required: ['items', 'nextCursor'],
    additionalProperties: false,
  };
}

export const API_SCHEMAS = {
  Resource: itemSchema('One resource of the index.', RESOURCE_FIELDS),
  StackMembership: itemSchema('A resource’s place in a CloudFormation stack.', STACK_MEMBERSHIP_FIELDS),
  Stack: itemSchema('One CloudFormation stack.', STACK_FIELDS),
  TagChange: itemSchema('What one change said about tags.', TAG_CHANGE_FIELDS),
  Principal: itemSchema('Who made a CloudTrail call (from its userIdentity).', PRINCIPAL_FIELDS),
  HistoryEntry: itemSchema('One recorded change of a resource.', HISTORY_FIELDS),
  ResourcePage: pageSchema('A page of resources, in index order (status, then name, then id).', 'Resource'),
  StackPage: pageSchema('A page of stacks, in index order (status, then name, then id).', 'Stack'),
  HistoryPage: pageSchema('A page of history, newest change first.', 'HistoryEntry'),
  Change: itemSchema('One change of a resource row, as the index made it.', CHANGE_FIELDS),
  ChangePage: pageSchema('A page of the change feed, newest first.', 'Change'),
  SnapshotRun: itemSchema('One snapshot run: a listing and what the index did with it.', SNAPSHOT_RUN_FIELDS),
  SnapshotRunPage: pageSchema('A page of snapshot runs, newest first.', 'SnapshotRun'),
  Summary: {
    type: 'object',
    description: 'Counts of the whole index (not of a page), kept exact as rows change.',
    properties: {
      status: { type: 'string', enum: ['active', 'deleted', 'all'], description: 'The rows counted.' },
      total: { type: 'integer', minimum: 0, description: 'Rows of that status.' },
      byType: COUNTS('CloudFormation type'),
      byService: COUNTS('service'),
      byAccount: COUNTS('account'),
      byRegion: COUNTS('region'),
      accountNames: {
        type: 'object',
        description:
          "Names of the accounts of byAccount, by account id, for those the index knows (the organization's accounts, listed by the management account's snapshot as AWS::Organizations::Account); an account without a known name is absent.",
        additionalProperties: { type: 'string', minLength: 1 },
      },
    },
    required: ['status', 'total', 'byType', 'byService', 'byAccount', 'byRegion', 'accountNames'],
    additionalProperties: false,
  },
  Error: {
    type: 'object',
    description: 'Every error reply.',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: {
            type: 'string',
            enum: Object.keys(ERROR_CODES),
            description: Object.entries(ERROR_CODES)
              .map(([code, { status, description }]) => `${code} (${status}): ${description}`)
              .join(' '),
          },
          message: { type: 'string', description: 'What went wrong and what is allowed.' },
          parameter: {
            type: 'string',
            description: 'The offending parameter (query or path); present on every 400, absent otherwise.',
          },
        },
        required: ['code', 'message'],
        additionalProperties: false,
      },
    },
    required: ['error'],
    additionalProperties: false,
  },
  /** For a route that answers with a web page (`contentType` text/html). */
  WebPage: { type: 'string', description: 'An HTML page.' },
  WebAsset: { type: 'string', description: 'A script, style sheet or icon of the web page.' },
  PageConfig: {
    type: 'object',
    description:
      "The web page's settings: where a person signs in (OAuth 2.0 authorization code with PKCE against the deployment's Cognito managed login), or null where the API needs no sign-in.",
    properties: {
      signIn: {
        type: ['object', 'null'],
        properties: {
          authorizeUrl: { type: 'string', format: 'uri' },
          tokenUrl: { type: 'string', format: 'uri' },
          logoutUrl: { type: 'string', format: 'uri' },
          clientId: { type: 'string' },
          scope: { type: 'string' },
        },
        required: ['authorizeUrl', 'tokenUrl', 'logoutUrl', 'clientId', 'scope'],
        additionalProperties: false,
      },
    },
    required: ['signIn'],
    additionalProperties: false,
  },
  OpenApiDocument: {
    type: 'object',
    description: 'This document.',
    properties: {
      openapi: { type: 'string' },
      info: { type: 'object' },
      paths: { type: 'object' },
    },
    required: ['openapi', 'info', 'paths'],
  },
} satisfies Record<string, JsonSchema>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;
