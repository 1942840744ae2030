// Turns an API's refusal into a message that says what to do: a 400 names the option to fix, a 403
// from a deployed API names the IAM permission (execute-api:Invoke on the route's ARN) and how to
// grant it, a 404 says what was not found.
import { CliError, EXIT_CODES } from './cli-error';
import { apiIdOfExecuteApiHost } from './api-target';
import type { ApiTarget } from './api-target';

/** The API's parameters and the CLI options that set them. */
const OPTION_OF_PARAMETER: Readonly<Record<string, string>> = {
  q: '-q/--query',
  limit: '--limit',
  cursor: '--all (a page cursor)',
  type: '--type',
  service: '--service',
  account: '--account',
  region: '--region',
  stack: '--stack',
  status: '--status',
  name: '--name',
  format: '--output',
  id: 'the resource id',
};

export interface FailedRequest {
  url: URL;
  status: number;
  /** The body as text (JSON error, API Gateway message, or anything a proxy answered). */
  text: string;
}

export function failureOf(request: FailedRequest, target: ApiTarget): CliError {
  const body = parseJson(request.text);
  const error = field(body, 'error');
  const message =
    stringField(error, 'message') ??
    stringField(body, 'message') ??
    stringField(body, 'Message') ??
    (request.text.trim().slice(0, 300) || 'no message');
  const code = stringField(error, 'code');
  const where = `GET ${request.url.pathname}${request.url.search}`;
  switch (request.status) {
    case 400: {
      const parameter = stringField(error, 'parameter');
      if (parameter === undefined) return new CliError(`the API rejected ${where}: ${message}`);
      return new CliError(
        `the API rejected ${optionOf(parameter)} (parameter '${parameter}'): ${message}`,
        EXIT_CODES.usage,
      );
    }
    case 401:
      return new CliError(
        `the API at ${target.baseUrl.origin} wants a sign-in token (401: ${message}): that URL is the page's ` +
          'sign-in API; programs and this CLI use the ApiUrl output of the stack (SigV4).',
      );
    case 403:
      return forbidden(request, target, message);
    case 404:
      return new CliError(`not found: ${message}${code ? '' : ` (${where}; is --api the inventory API?)`}`);
    default:
      return new CliError(
        `the API answered ${request.status}${code ? ` ${code}` : ''} to ${where}: ${message}`,
      );
  }
}

function forbidden(request: FailedRequest, target: ApiTarget, message: string): CliError {
  if (!target.signing) {
    return new CliError(
      `the API refused ${request.url.pathname} (403: ${message}); the request was not signed: pass --sign ` +
        '(and --profile) if this URL is a deployed API behind IAM.',
    );
  }
  const apiId = apiIdOfExecuteApiHost(request.url.hostname) ?? '<api-id>';
  // For IAM authorization the resource of execute-api:Invoke is the stage, method and request path.
  const arn = `arn:aws:execute-api:${target.signing.region}:<account-id>:${apiId}/*/GET${request.url.pathname}`;
  const allRoutes = `arn:aws:execute-api:${target.signing.region}:<account-id>:${apiId}/*/GET/*`;
  const signature = /signature|security token|credential|expired/i.test(message);
  const lines = [
    `the API refused the request (403: ${message}).`,
    signature
      ? 'The signature or credentials were not accepted: check the clock, that the credentials are current ' +
        `(aws sts get-caller-identity${target.signing.profile ? ` --profile ${target.signing.profile}` : ''}), ` +
        `and that region ${target.signing.region} is the API's region.`
      : `Your identity needs execute-api:Invoke on ${arn}.`,
    'Grant it with an IAM policy on your user or role, for example:',
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: allRoutes }],
      },
      null,
      2,
    ),
    `(aws iam put-role-policy --role-name ROLE --policy-name resource-inventory-read --policy-document file://policy.json)`,
  ];
  return new CliError(lines.join('\n'));
}

export function unreachable(url: URL, error: unknown, target: ApiTarget): CliError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const why = cause instanceof Error ? cause.message : String(cause);
  const hint = target.signing
    ? 'Check the URL (the stack output ApiUrl) and your network.'
    : 'Is the local inventory running (`npm start`)? Otherwise pass --api URL.';
  return new CliError(
    `could not reach the inventory API at ${url.origin}: ${why}\n${hint}`,
    EXIT_CODES.unreachable,
  );
}

function optionOf(parameter: string): string {
  if (parameter.startsWith('tag.')) return `--tag ${parameter.slice(4)}=...`;
  return OPTION_OF_PARAMETER[parameter] ?? parameter;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const found = field(value, name);
  return typeof found === 'string' ? found : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
