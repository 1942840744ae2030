// The routes of the query API, as one table: the router serves them, the OpenAPI document describes
// them, and their keys are the metric `Route` dimension's values. Adding a route is adding an entry.
import { answerChanges, answerSnapshotRuns, answerSummary } from './activity-answers';
import { answerOpenApiDocument, OPENAPI_PATH } from './index-answers';
import { SIGN_IN_CALLBACK_PARAMETERS } from './query-parameters';
import type { ParameterName } from './query-parameters';
import type { QueryRoute } from './query-route';
import {
  answerResource,
  answerResourceHistory,
  answerResourceList,
  answerStackResources,
} from './resource-answers';
import { answerPageConfig, PAGE_CONFIG_PATH } from './sign-in-settings';
import { answerStackList } from './stack-answers';
import { answerFavicon, answerWebPage, answerWebScript, answerWebStyle } from './web-page-answers';

const PAGING: ParameterName[] = ['limit', 'cursor'];
const RESOURCE_FILTERS: ParameterName[] = ['type', 'service', 'account', 'region', 'status', 'name', 'q'];

export const QUERY_ROUTES: readonly QueryRoute[] = [
  {
    method: 'GET',
    path: '/',
    operationId: 'getWebPage',
    summary: 'The inventory web page',
    description:
      "An HTML page that browses this API from the browser (its view and filters live in the URL hash). It loads /app.js and /app.css; its Content-Security-Policy allows no inline script. Deployed behind a sign-in it is the sign-in's redirect URI, so it accepts the OAuth 2.0 answer (code, state, or error) for the page's script to read.",
    queryParameters: SIGN_IN_CALLBACK_PARAMETERS,
    tagFilters: false,
    response: { description: 'The page.', schema: 'WebPage', contentType: 'text/html' },
    answer: answerWebPage,
  },
  {
    method: 'GET',
    path: '/app.js',
    operationId: 'getWebScript',
    summary: "The web page's script",
    description: 'The script of the page at /, bundled from web/.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The script.', schema: 'WebAsset', contentType: 'text/javascript' },
    answer: answerWebScript,
  },
  {
    method: 'GET',
    path: '/app.css',
    operationId: 'getWebStyle',
    summary: "The web page's style sheet",
    description: 'The style sheet of the page at /.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The style sheet.', schema: 'WebAsset', contentType: 'text/css' },
    answer: answerWebStyle,
  },
  {
    method: 'GET',
    path: '/favicon.ico',
    operationId: 'getWebIcon',
    summary: "The web page's icon",
    description: 'An SVG icon (image/svg+xml), at the address browsers ask for by themselves.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The icon.', schema: 'WebAsset', contentType: 'image/svg+xml' },
    answer: answerFavicon,
  },
  {
    method: 'GET',
    path: PAGE_CONFIG_PATH,
    operationId: 'getPageConfig',
    summary: "The web page's settings",
    description:
      'Where the page sends a person to sign in when the API answers 401 (deployed behind Cognito managed login); signIn is null where no sign-in is needed. Holds no inventory data, so it is readable before signing in.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The settings.', schema: 'PageConfig' },
    answer: answerPageConfig,
  },
  {
    method: 'GET',
    path: '/resources',
    operationId: 'listResources',
    summary: 'List resources, filtered',
    description:
      'Every filter narrows (they combine with AND). With q the word index serves the read (items in word order); otherwise the most selective filter picks the index to read (stack, type, tag, account and region, service, account, region). The other filters are checked on the items read, so a combined query may return short pages. format=csv or format=ndjson returns the same page as CSV or JSON Lines, with the next cursor in the X-Next-Cursor header.',
    queryParameters: [
      'type',
      'service',
      'account',
      'region',
      'stack',
      'status',
      'name',
      'q',
      'format',
      ...PAGING,
    ],
    tagFilters: true,
    response: { description: 'A page of resources.', schema: 'ResourcePage' },
    exportable: true,
    answer: answerResourceList,
  },
  {
    method: 'GET',
    path: '/resources/{id}/history',
    operationId: 'getResourceHistory',
    summary: "A resource's recorded changes, newest first",
    description:
      'Every change the index recorded for the resource, one per event, newest first (ties inside one second in reverse lifecycle order). 404 when the resource is unknown.',
    queryParameters: PAGING,
    tagFilters: false,
    response: { description: 'A page of history.', schema: 'HistoryPage' },
    answer: answerResourceHistory,
  },
  {
    method: 'GET',
    path: '/resources/{id}',
    operationId: 'getResource',
    summary: 'One resource by id',
    description:
      'The id is the canonical id (the ARN wherever one exists), percent-encoded. Behind a gateway that decodes %2F the id may also arrive with raw slashes; a path ending in /history is then first read as the history route.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The resource.', schema: 'Resource' },
    answer: answerResource,
  },
  {
    method: 'GET',
    path: '/stacks',
    operationId: 'listStacks',
    summary: 'List CloudFormation stacks',
    description: 'Stacks by status, optionally by name prefix, in index order.',
    queryParameters: ['status', 'name', ...PAGING],
    tagFilters: false,
    response: { description: 'A page of stacks.', schema: 'StackPage' },
    answer: answerStackList,
  },
  {
    method: 'GET',
    path: '/stacks/{stack}/resources',
    operationId: 'listStackResources',
    summary: 'The resources of one stack',
    description:
      'Resources whose stack is the one named (by name: every stack of that name; by ARN: that stack), with the same filters as /resources. 404 when no stack of that name or id is known.',
    queryParameters: [...RESOURCE_FILTERS, ...PAGING],
    tagFilters: true,
    response: { description: 'A page of resources.', schema: 'ResourcePage' },
    answer: answerStackResources,
  },
  {
    method: 'GET',
    path: '/summary',
    operationId: 'getSummary',
    summary: 'Counts of the whole index',
    description:
      "How many resources the index holds, in total and by type, service, account and region: exact for the whole index (kept as rows change), read in a request or two whatever its size. `accountNames` names the counted accounts whose name the index knows (from the organization's management account's snapshot), read in a request per 1,000 accounts.",
    queryParameters: ['status'],
    tagFilters: false,
    response: { description: 'The counts.', schema: 'Summary' },
    answer: answerSummary,
  },
  {
    method: 'GET',
    path: '/changes',
    operationId: 'listChanges',
    summary: "The index's own changes, newest first",
    description:
      'Every real change of a resource row (created, updated, deleted, restored) with the fields that changed and their values before and after, for the last 30 days. A duplicate or stale event changes nothing and so lists nothing. The same changes are published as `Inventory Resource Changed` events (source `resource-inventory`) on the change bus.',
    queryParameters: PAGING,
    tagFilters: false,
    response: { description: 'A page of changes.', schema: 'ChangePage' },
    answer: answerChanges,
  },
  {
    method: 'GET',
    path: '/snapshots',
    operationId: 'listSnapshotRuns',
    summary: 'Recent snapshot runs, newest first',
    description:
      'Each run that seeded or reconciled the index from a listing: what it listed, whether the listing was complete for its scope, and the rows it created, updated and inferred deleted.',
    queryParameters: PAGING,
    tagFilters: false,
    response: { description: 'A page of snapshot runs.', schema: 'SnapshotRunPage' },
    answer: answerSnapshotRuns,
  },
  {
    method: 'GET',
    path: OPENAPI_PATH,
    operationId: 'getOpenApiDocument',
    summary: 'This API, described in OpenAPI 3.1',
    description: 'The OpenAPI document of every route, parameter, item field and error.',
    queryParameters: [],
    tagFilters: false,
    response: { description: 'The OpenAPI document.', schema: 'OpenApiDocument' },
    answer: answerOpenApiDocument,
  },
];
