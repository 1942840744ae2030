// SigV4 for the deployed query API (service execute-api): credentials from the AWS SDK's standard
// chain (environment, shared config and SSO profiles, web identity, container and instance roles).
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CliError } from './cli-error';

export const SIGNING_SERVICE = 'execute-api';

/** Signs one GET request; returns the headers to send (host excluded: the HTTP client sets it). */
export type RequestSigner = (
  method: string,
  url: URL,
  headers: Record<string, string>,
) => Promise<Record<string, string>>;

export interface RequestSignerOptions {
  region: string;
  profile?: string;
  /** For tests and embedding; the standard chain (honouring `profile`) when absent. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export function createRequestSigner(options: RequestSignerOptions): RequestSigner {
  const credentials =
    options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region: options.region,
    credentials: async () => {
      try {
        return typeof credentials === 'function' ? await credentials() : credentials;
      } catch (error) {
        throw noCredentials(options.profile, error);
      }
    },
    sha256: Hash.bind(null, 'sha256'),
  });
  return async (method, url, headers) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: queryOf(url.searchParams),
      headers: { ...headers, host: url.host },
    });
    const { host: _host, ...rest } = signed.headers;
    return rest;
  };
}

/** Repeated keys become arrays, as the signer's canonical query string expects. */
export function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const known = query[key];
    query[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return query;
}

function noCredentials(profile: string | undefined, error: unknown): CliError {
  const why = error instanceof Error ? error.message : String(error);
  const where = profile
    ? `profile '${profile}' gave no usable credentials`
    : 'no AWS credentials were found (environment, shared config/credentials files, SSO, container or instance role)';
  return new CliError(
    `cannot sign the request: ${where}: ${why}\n` +
      'Pass --profile NAME (after `aws sso login --profile NAME` for SSO), or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
  );
}
