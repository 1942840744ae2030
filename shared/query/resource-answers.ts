// Answers of the resource routes: a filtered page of resources, one resource, its history, and the
// resources of one stack. Each read is one GetItem or Query (the store picks the index).
import type { ResourceRecord } from '../model/resource-record';
import { queryWords } from '../search/search-tokens';
import type { Page, PageRequest, ResourceFilter } from '../store/index-store';
import { quoted } from './api-reply';
import { shapeHistoryEntry, shapeResource } from './item-fields';
import { PAGE_LIMIT } from './query-parameters';
import type { IndexReader, RouteOutcome, RouteRequest, RouteContext } from './query-route';

export async function answerResourceList(
  request: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const page = await listResources(context, resourceFilterOf(request), request);
  return { kind: 'page', items: page.items.map(shapeResource), next: page.next };
}

/** `q` reads the word index (every other filter checked on the rows); without it the store plans. */
function listResources(
  context: RouteContext,
  filter: ResourceFilter,
  request: RouteRequest,
): Promise<Page<ResourceRecord>> {
  const search = request.query.q === undefined ? undefined : queryWords(request.query.q);
  if (search?.ok) return context.readers.search.searchResources(search.words, filter, pageOf(request));
  return context.store.listResources(filter, pageOf(request));
}

export async function answerResource(request: RouteRequest, context: RouteContext): Promise<RouteOutcome> {
  const id = request.path.id ?? '';
  const record = await context.store.getResource(id);
  return record ? { kind: 'item', body: shapeResource(record) } : unknownResource(id);
}

/** Newest change first; a first page of an unknown resource is a 404. */
export async function answerResourceHistory(
  request: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const id = request.path.id ?? '';
  const [known, page] = await Promise.all([
    request.after ? true : context.store.getResource(id),
    context.store.getHistory(id, { ...pageOf(request), newestFirst: true }),
  ]);
  if (!known) return unknownResource(id);
  return { kind: 'page', items: page.items.map(shapeHistoryEntry), next: page.next };
}

/**
 * A stack is known when the index has a stack row for it (by name: any stack of that name) or any
 * resource, active or deleted, naming it as its stack. Only an empty first page costs the check.
 */
export async function answerStackResources(
  request: RouteRequest,
  context: RouteContext,
): Promise<RouteOutcome> {
  const stack = request.path.stack ?? '';
  const page = await listResources(context, { ...resourceFilterOf(request), stack }, request);
  if (
    page.items.length === 0 &&
    !page.next &&
    !request.after &&
    !(await isKnownStack(context.store, stack))
  ) {
    return { kind: 'not-found', message: `no stack named or with id ${quoted(stack)} is known` };
  }
  return { kind: 'page', items: page.items.map(shapeResource), next: page.next };
}

function resourceFilterOf({ query }: RouteRequest): ResourceFilter {
  return {
    type: query.type,
    service: query.service,
    account: query.account,
    region: query.region,
    stack: query.stack,
    status: query.status,
    tags: query.tags,
    namePrefix: query.name,
  };
}

function pageOf({ query, after }: RouteRequest): PageRequest {
  return { limit: query.limit ?? PAGE_LIMIT.defaultValue, after };
}

async function isKnownStack(store: IndexReader, stack: string): Promise<boolean> {
  const rows = stack.startsWith('arn:') ? [await store.getStack(stack)] : await store.findStacksByName(stack);
  if (rows.some((row) => row !== undefined)) return true;
  const members = await store.listResources({ stack, status: 'all' }, { limit: 1 });
  // An empty page with more to read cannot rule the stack out: only a fully read empty answer does.
  return members.items.length > 0 || members.next !== undefined;
}

function unknownResource(id: string): RouteOutcome {
  return { kind: 'not-found', message: `no resource with id ${quoted(id)} is known` };
}
