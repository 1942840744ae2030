// Which API the CLI talks to and whether its requests are signed: `--api` or the local inventory that
// `npm start` recorded in its data directory, and SigV4 for anything that is not on this machine.
import { join, resolve } from 'node:path';
import { RuntimeStateFile } from '../local/runtime-state-file';
import { usageError } from './cli-error';

export interface ApiTarget {
  /** The API's base URL, always ending in `/` so relative paths keep a stage or proxy prefix. */
  baseUrl: URL;
  /** Present when requests are signed with SigV4 (service execute-api). */
  signing?: { region: string; profile?: string };
}

export interface ApiTargetOptions {
  api?: string;
  sign: boolean;
  signingRegion?: string;
  profile?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Loopback URLs are the local runtime, which has no authorization; any other host is a deployed API
 * behind IAM. `--sign` forces signing (a signing proxy or a verifier on this machine).
 */
export function resolveApiTarget(options: ApiTargetOptions): ApiTarget {
  const raw = options.api ?? localApiUrl(options.env, options.cwd);
  let baseUrl: URL;
  try {
    baseUrl = new URL(raw);
  } catch {
    throw usageError(`--api must be an http(s) URL; got '${raw}'`);
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw usageError(`--api must be an http(s) URL; got '${raw}'`);
  }
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname = `${baseUrl.pathname}/`;
  baseUrl.search = '';
  baseUrl.hash = '';
  if (!options.sign && isLoopback(baseUrl.hostname)) return { baseUrl };
  const region =
    options.signingRegion ??
    regionOfExecuteApiHost(baseUrl.hostname) ??
    (options.env.AWS_REGION || options.env.AWS_DEFAULT_REGION || undefined);
  if (!region) {
    throw usageError(
      `cannot tell the AWS region to sign requests to ${baseUrl.host}: pass --signing-region (or set AWS_REGION)`,
    );
  }
  return { baseUrl, signing: { region, profile: options.profile } };
}

/** The URL `npm start` recorded for the data directory it serves, else the default port's. */
export function localApiUrl(env: NodeJS.ProcessEnv, cwd: string): string {
  const dataDir = resolve(cwd, env.INVENTORY_DATA_DIR || '.inventory');
  const running = new RuntimeStateFile(join(dataDir, 'runtime.json')).read();
  return running?.apiUrl ?? `http://127.0.0.1:${env.PORT || 3000}`;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A deployed HTTP API's default host, `<api-id>.execute-api.<region>.<partition's domain>`, names its region. */
export function regionOfExecuteApiHost(hostname: string): string | undefined {
  return /^[a-z0-9]+\.execute-api\.([a-z]{2}(-[a-z]+)+-\d+)\./.exec(hostname.toLowerCase())?.[1];
}

/** The API id of an execute-api host, for the ARN a 403 names. */
export function apiIdOfExecuteApiHost(hostname: string): string | undefined {
  return /^([a-z0-9]+)\.execute-api\./.exec(hostname.toLowerCase())?.[1];
}
