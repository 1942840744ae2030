// The page's sign-in, as the deployed query function knows it from its environment: the Cognito
// managed login domain and the page's app client. Served to the page as /config.json; absent locally,
// where the API needs no sign-in.
import type { RouteContext, RouteOutcome } from './query-route';

export interface SignInSettings {
  /** The user pool domain's base URL (`https://<prefix>.auth.<region>...`), no trailing slash. */
  domainUrl: string;
  /** The page's app client (public: PKCE, no secret). */
  clientId: string;
}

/** The environment variables the CDK stack sets on the query function; one place for both sides. */
export const SIGN_IN_ENVIRONMENT = {
  domainUrl: 'SIGN_IN_DOMAIN_URL',
  clientId: 'SIGN_IN_CLIENT_ID',
  /** The OpenID Connect issuer (the user pool), for the OpenAPI document's security scheme. */
  issuer: 'SIGN_IN_ISSUER',
} as const;

export const PAGE_CONFIG_PATH = '/config.json';

/** OAuth scopes the page asks for: an access token the API's JWT authorizer accepts, nothing more. */
export const SIGN_IN_SCOPES = ['openid', 'email'] as const;

export function signInSettingsFromEnv(env: NodeJS.ProcessEnv): SignInSettings | undefined {
  const domainUrl = env[SIGN_IN_ENVIRONMENT.domainUrl];
  const clientId = env[SIGN_IN_ENVIRONMENT.clientId];
  if (!domainUrl || !clientId) return undefined;
  const url = new URL(domainUrl);
  if (url.protocol !== 'https:') throw new Error(`${SIGN_IN_ENVIRONMENT.domainUrl} must be an https URL`);
  return { domainUrl: url.origin, clientId };
}

/** What /config.json tells the page: where to sign in (OAuth 2.0 endpoints of the domain), or null. */
export function pageConfig(settings: SignInSettings | undefined): Record<string, unknown> {
  if (!settings) return { signIn: null };
  return {
    signIn: {
      authorizeUrl: `${settings.domainUrl}/oauth2/authorize`,
      tokenUrl: `${settings.domainUrl}/oauth2/token`,
      logoutUrl: `${settings.domainUrl}/logout`,
      clientId: settings.clientId,
      scope: SIGN_IN_SCOPES.join(' '),
    },
  };
}

export async function answerPageConfig(_request: unknown, context: RouteContext): Promise<RouteOutcome> {
  return { kind: 'item', body: pageConfig(context.signIn) };
}
