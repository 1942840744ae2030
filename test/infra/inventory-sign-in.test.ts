// The page after `cdk deploy`: people sign in through Cognito managed login (invited users, strong
// passwords, TOTP MFA, a public PKCE client) and the page's API takes the pool's JWTs on every data
// route, while the programs' API keeps IAM (SigV4) on every route. Template meaning, not a snapshot.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { INVENTORY_STACK_NAME } from '../../infra/inventory-app';
import { DEFAULT_CONFIG, readInventoryConfig } from '../../infra/inventory-config';
import { PUBLIC_PAGE_PATHS, SIGNED_IN_ROUTE_PATH } from '../../infra/inventory-sign-in';
import { QUERY_ROUTES } from '../../shared/query/route-table';
import { SIGN_IN_ENVIRONMENT } from '../../shared/query/sign-in-settings';
import { removeSynthesized, synthesizeInventory } from './synthesized-inventory';
import type { CfnTemplate } from './synthesized-inventory';

const synthesized = synthesizeInventory();
const stack = synthesized.inventory;
const template: CfnTemplate = synthesized.templates.get(INVENTORY_STACK_NAME)!.template;
const assertions = Template.fromJSON(template);
afterAll(() => removeSynthesized());

type Resource = CfnTemplate['Resources'][string];
const props = (resource: Resource) => resource.Properties ?? {};
const ofType = (type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const ref = (value: unknown) => (value as { Ref?: string }).Ref;
function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild;
  if (!(child instanceof Object) || !('logicalId' in child)) throw new Error('not a CFN resource owner');
  return String(stack.resolve(child.logicalId));
}

const signIn = stack.signIn!;
const pageApiId = logicalId(signIn.pageApi);
const programApiId = logicalId(stack.queryApi.api);
const userPoolId = logicalId(signIn.userPool);
const clientId = logicalId(signIn.client);
const routesOf = (apiId: string) =>
  ofType('AWS::ApiGatewayV2::Route')
    .map(([, route]) => props(route))
    .filter((route) => ref(route.ApiId) === apiId);

test('on by default: the page needs no extra context to work after deploy', () => {
  expect(DEFAULT_CONFIG.signIn).toBe(true);
  expect(signIn).toBeDefined();
});

describe('user pool', () => {
  test('invited users only, strong passwords, TOTP MFA required, e-mail recovery, managed login plan', () => {
    const [[, pool]] = ofType('AWS::Cognito::UserPool');
    expect(props(pool)).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      UsernameAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    const policy = (props(pool).Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(14);
    expect(policy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  test('managed login (the newer version) on a per-account domain prefix, styled with Cognito defaults', () => {
    assertions.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: userPoolId },
      Domain: { 'Fn::Join': ['', ['resource-inventory-', { Ref: 'AWS::AccountId' }]] },
    });
    assertions.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
  });

  test('the page client is public: authorization code (with PKCE) only, no secret, back to the page URL', () => {
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient');
    const pageUrl = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [pageApiId, 'ApiEndpoint'] }, '/']] };
    expect(props(client)).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [pageUrl],
      LogoutURLs: [pageUrl],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    // No password flows for the browser: it signs in only through managed login.
    expect(props(client).ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });
});

describe('the page API', () => {
  test('a JWT authorizer of the pool, for the page client, reads the Authorization header', () => {
    assertions.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: { Ref: pageApiId },
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([{ Ref: userPoolId }])] },
      },
    });
  });

  test('every data route needs the JWT; only the page, its files, settings and API description are open', () => {
    const routes = routesOf(pageApiId);
    const keys = Object.fromEntries(routes.map((route) => [route.RouteKey, route.AuthorizationType]));
    expect(keys[`GET ${SIGNED_IN_ROUTE_PATH}`]).toBe('JWT');
    const open = routes.filter((route) => route.AuthorizationType === 'NONE').map((route) => route.RouteKey);
    expect(open.sort()).toEqual(PUBLIC_PAGE_PATHS.map((path) => `GET ${path}`).sort());
    expect([...PUBLIC_PAGE_PATHS].sort()).toEqual([
      '/',
      '/app.css',
      '/app.js',
      '/config.json',
      '/favicon.ico',
      '/openapi.json',
    ]);
    // Every route of the table that serves inventory data is absent from the open list, so it falls to the JWT route.
    const dataRoutes = QUERY_ROUTES.filter((route) => !PUBLIC_PAGE_PATHS.includes(route.path));
    expect(dataRoutes.map((route) => route.path)).toEqual(expect.arrayContaining(['/resources', '/stacks']));
    expect(routes.every((route) => String(route.RouteKey).startsWith('GET '))).toBe(true);
  });

  test('it calls the same query function, which learns the sign-in domain and client for /config.json', () => {
    const functionId = logicalId(stack.queryApi.function.function);
    const integrations = ofType('AWS::ApiGatewayV2::Integration').map(([, integration]) =>
      props(integration),
    );
    const pageIntegration = integrations.find((integration) => ref(integration.ApiId) === pageApiId);
    expect(pageIntegration).toMatchObject({
      IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    const variables = (
      props(template.Resources[functionId]).Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(JSON.stringify(variables[SIGN_IN_ENVIRONMENT.domainUrl])).toContain(logicalId(signIn.domain));
    expect(variables[SIGN_IN_ENVIRONMENT.clientId]).toEqual({ Ref: clientId });
    expect(JSON.stringify(variables[SIGN_IN_ENVIRONMENT.issuer])).toContain(userPoolId);
  });

  test('its stage is throttled and access-logged with the signed-in user', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage').map(([, stage]) => props(stage));
    const pageStage = stages.find((stage) => ref(stage.ApiId) === pageApiId);
    expect(pageStage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: DEFAULT_CONFIG.apiRateLimit,
        ThrottlingBurstLimit: DEFAULT_CONFIG.apiBurstLimit,
      },
    });
    const format = JSON.parse(String((pageStage?.AccessLogSettings as { Format: string }).Format));
    expect(format).toMatchObject({
      user: '$context.authorizer.claims.username',
      authorizerError: '$context.authorizer.error',
    });
  });
});

test("the programs' API keeps IAM (SigV4) on every route", () => {
  const routes = routesOf(programApiId);
  expect(routes.map((route) => route.RouteKey).sort()).toEqual(['ANY /', 'ANY /{proxy+}']);
  for (const route of routes) expect(route.AuthorizationType).toBe('AWS_IAM');
});

test('outputs: the page URL, the sign-in URL (code flow back to the page) and the user pool to invite people to', () => {
  const outputs = template.Outputs as Record<string, { Value: unknown }>;
  expect(outputs.PageUrl.Value).toEqual({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [pageApiId, 'ApiEndpoint'] }, '/']],
  });
  const signInUrl = JSON.stringify(outputs.SignInUrl.Value);
  for (const part of ['/login?client_id=', 'response_type=code', 'redirect_uri=', clientId, pageApiId]) {
    expect(signInUrl).toContain(part);
  }
  expect(outputs.UserPoolId.Value).toEqual({ Ref: userPoolId });
  expect(outputs.ApiUrl).toBeDefined();
});

describe('context options', () => {
  const config = (context: Record<string, unknown>) => readInventoryConfig((key) => context[key]);

  test('defaults: sign-in on, MFA required, no extra callback URLs, no first user', () => {
    expect(config({})).toMatchObject({ signIn: true, signInMfa: 'required', signInCallbackUrls: [] });
    expect(config({}).signInAdminEmail).toBeUndefined();
  });

  test('values are read from -c strings and cdk.json values', () => {
    expect(
      config({
        signIn: 'false',
        signInDomainPrefix: 'acme-inventory',
        signInCallbackUrls: 'https://inventory.example.test/, https://other.example.test/app/',
        signInMfa: 'optional',
        signInAdminEmail: 'admin@example.test',
      }),
    ).toMatchObject({
      signIn: false,
      signInDomainPrefix: 'acme-inventory',
      signInCallbackUrls: ['https://inventory.example.test/', 'https://other.example.test/app/'],
      signInMfa: 'optional',
      signInAdminEmail: 'admin@example.test',
    });
    expect(config({ signInCallbackUrls: ['https://a.example.test/'] }).signInCallbackUrls).toEqual([
      'https://a.example.test/',
    ]);
  });

  test.each([
    [{ signInDomainPrefix: 'my-aws-inventory' }, /signInDomainPrefix must be a domain prefix/],
    [{ signInDomainPrefix: 'Upper' }, /signInDomainPrefix must be a domain prefix/],
    [{ signInCallbackUrls: 'http://plain.example.test/' }, /signInCallbackUrls must list https URLs/],
    [{ signInCallbackUrls: 'https://a.example.test/#x' }, /signInCallbackUrls must list https URLs/],
    [{ signInMfa: 'off' }, /signInMfa must be one of required, optional/],
    [{ signInAdminEmail: 'nobody' }, /signInAdminEmail must be an e-mail address/],
    [{ signIn: 'yes' }, /signIn must be true or false/],
  ])('%j is refused with the key named', (context, message) => {
    expect(() => config(context)).toThrow(message);
  });
});
