// /config.json tells the page where to sign in: from the deployed function's environment (the CDK
// stack sets it), null locally; behind a sign-in the page's CSP lets it reach that token endpoint only.
import { createQueryApiHandlerFromEnv } from '../../shared/query/query-api-handler';
import { SIGN_IN_ENVIRONMENT } from '../../shared/query/sign-in-settings';
import { WEB_PAGE_CSP } from '../../shared/query/web-page-answers';
import { apiGatewayEvent } from '../support/api-gateway-event';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const DOMAIN = 'https://inventory-123456789012.auth.eu-west-1.example.test';
const base = { TABLE_NAME: 'not-read-by-these-routes', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' };

test('deployed with a sign-in: the OAuth endpoints and the public client id, and a CSP that allows that origin', async () => {
  const handler = createQueryApiHandlerFromEnv({
    ...base,
    [SIGN_IN_ENVIRONMENT.domainUrl]: `${DOMAIN}/`,
    [SIGN_IN_ENVIRONMENT.clientId]: 'client-abc',
  });
  const config = await handler(apiGatewayEvent('/config.json', { withProxyParameter: true }));
  expect(config.statusCode).toBe(200);
  expect(JSON.parse(config.body ?? '')).toEqual({
    signIn: {
      authorizeUrl: `${DOMAIN}/oauth2/authorize`,
      tokenUrl: `${DOMAIN}/oauth2/token`,
      logoutUrl: `${DOMAIN}/logout`,
      clientId: 'client-abc',
      scope: 'openid email',
    },
  });
  const page = await handler(apiGatewayEvent('/'));
  const csp = page.headers?.['content-security-policy'];
  expect(csp).toContain(`connect-src 'self' ${DOMAIN};`);
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("require-trusted-types-for 'script'");
});

test('locally (no sign-in settings) the page is told no sign-in is needed and its CSP is unchanged', async () => {
  const handler = createQueryApiHandlerFromEnv(base);
  const config = await handler(apiGatewayEvent('/config.json', { withProxyParameter: true }));
  expect(JSON.parse(config.body ?? '')).toEqual({ signIn: null });
  const page = await handler(apiGatewayEvent('/'));
  expect(page.headers?.['content-security-policy']).toBe(WEB_PAGE_CSP);
});

test('a sign-in domain that is not https is refused at start-up', () => {
  expect(() =>
    createQueryApiHandlerFromEnv({
      ...base,
      [SIGN_IN_ENVIRONMENT.domainUrl]: 'http://plain.example.test',
      [SIGN_IN_ENVIRONMENT.clientId]: 'client-abc',
    }),
  ).toThrow(/SIGN_IN_DOMAIN_URL must be an https URL/);
});
