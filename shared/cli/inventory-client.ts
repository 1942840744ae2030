// The CLI's HTTP client of the query API: GET requests relative to the target's base URL, signed when
// the target is a deployed API, with every failure turned into a CliError that says what to do.
import { failureOf, unreachable } from './api-failure';
import type { ApiTarget } from './api-target';
import { CliError } from './cli-error';
import { createRequestSigner } from './request-signer';
import type { RequestSigner } from './request-signer';

export interface ApiResponse {
  text: string;
  headers: Headers;
}

export interface InventoryClient {
  /** `path` relative to the base URL (`resources`, `stacks/x/resources`), segments already encoded. */
  get(path: string, query: URLSearchParams, accept?: string): Promise<ApiResponse>;
  getJson(path: string, query: URLSearchParams): Promise<unknown>;
}

const TIMEOUT_MS = 30_000;

export function createInventoryClient(target: ApiTarget, signer?: RequestSigner): InventoryClient {
  const sign = target.signing ? (signer ?? createRequestSigner(target.signing)) : undefined;
  const get = async (path: string, query: URLSearchParams, accept = 'application/json') => {
    const url = new URL(path, target.baseUrl);
    url.search = query.toString();
    const plain = { accept };
    const headers = sign ? await sign('GET', url, plain) : plain;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw unreachable(url, error, target);
    }
    const text = await response.text();
    if (!response.ok) throw failureOf({ url, status: response.status, text }, target);
    return { text, headers: response.headers };
  };
  return {
    get,
    async getJson(path, query) {
      const { text, headers } = await get(path, query);
      try {
        return JSON.parse(text);
      } catch {
        const type = headers.get('content-type') ?? 'no content type';
        throw new CliError(
          `expected JSON from ${new URL(path, target.baseUrl).pathname}, got ${type}: is --api the inventory API?`,
        );
      }
    },
  };
}
