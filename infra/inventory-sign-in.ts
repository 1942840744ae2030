// The page for people after `cdk deploy`: a Cognito user pool with managed login, a public app client
// (authorization code with PKCE, no secret), and a second HTTP API in front of the same query function
// whose data routes take the pool's JWTs. The SigV4 API stays as it is, for programs and the CLI.
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { QUERY_ROUTES } from '../shared/query/route-table';
import { SIGN_IN_ENVIRONMENT, SIGN_IN_SCOPES } from '../shared/query/sign-in-settings';
import type { ApiSchemaName } from '../shared/query/api-schemas';
import { createLoggedStage } from './inventory-query-api';

/**
 * What a browser must load before anyone has signed in: the page, its files, its settings and the API
 * description. None carries inventory data; every other route needs a token.
 */
const PUBLIC_PAGE_SCHEMAS: readonly ApiSchemaName[] = [
  'WebPage',
  'WebAsset',
  'PageConfig',
  'OpenApiDocument',
];
export const PUBLIC_PAGE_PATHS: readonly string[] = QUERY_ROUTES.filter((route) =>
  PUBLIC_PAGE_SCHEMAS.includes(route.response.schema),
).map((route) => route.path);

/** Every other GET goes to the function (which answers 404 for unknown paths) with a valid token. */
export const SIGNED_IN_ROUTE_PATH = '/{proxy+}';

export interface InventorySignInProps {
  queryFunction: lambda.Function;
  logRetention: logs.RetentionDays;
  rateLimit: number;
  burstLimit: number;
  /** Globally unique per region; `resource-inventory-<account id>` when absent. */
  domainPrefix?: string;
  /** More URLs the page is served from (custom domain, proxy): allowed as callback and sign-out URLs. */
  extraCallbackUrls: readonly string[];
  mfa: 'required' | 'optional';
  adminEmail?: string;
}

export class InventorySignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly client: cognito.UserPoolClient;
  readonly pageApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  /** The page's URL: open it in a browser; it sends you to sign in. */
  readonly pageUrl: string;
  /** The managed login page itself, for a bookmark or a first sign-in. */
  readonly signInUrl: string;

  constructor(scope: Construct, id: string, props: InventorySignInProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      // People are invited by an administrator; nobody signs themselves up to read the inventory.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      // Authenticator apps only: no SMS, so no SNS role or spending limit to manage.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Managed login needs the Essentials plan or above.
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Plus (threat protection) is billed per active user; this pool has no self sign-up, invited users only, ' +
        'a strong password policy and TOTP MFA, and grants read access to an inventory. Switch the feature plan ' +
        'to Plus where adaptive authentication is required.',
    });
    if (props.mfa === 'optional') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: 'MFA set to optional on purpose (context signInMfa=optional): each user may enrol TOTP.',
      });
    }

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `resource-inventory-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.pageApi = new apigwv2.HttpApi(this, 'PageApi', {
      description: 'Resource inventory page (Cognito managed login, JWT)',
      createDefaultStage: false,
    });
    // The $default stage's URL: the page's own address, and the redirect URI it gives the sign-in.
    this.pageUrl = `${this.pageApi.apiEndpoint}/`;
    const pageUrls = [this.pageUrl, ...props.extraCallbackUrls];
    this.client = this.userPool.addClient('PageClient', {
      // A browser cannot keep a secret: a public client, authorization code with PKCE.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: SIGN_IN_SCOPES.map((scope) => cognito.OAuthScope.custom(scope)),
        callbackUrls: pageUrls,
        logoutUrls: pageUrls,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    // Managed login (the newer version) shows a client's pages only once it has a style: Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.signInUrl = this.domain.signInUrl(this.client, { redirectUri: this.pageUrl, signInPath: '/login' });

    if (props.adminEmail) {
      new cognito.CfnUserPoolUser(this, 'FirstUser', {
        userPoolId: this.userPool.userPoolId,
        username: props.adminEmail,
        userAttributes: [
          { name: 'email', value: props.adminEmail },
          { name: 'email_verified', value: 'true' },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
    }

    const integration = new HttpLambdaIntegration('PageIntegration', props.queryFunction, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    const authorizer = new HttpUserPoolAuthorizer('PageAuthorizer', this.userPool, {
      userPoolClients: [this.client],
      identitySource: ['$request.header.Authorization'],
    });
    this.pageApi.addRoutes({
      path: SIGNED_IN_ROUTE_PATH,
      methods: [apigwv2.HttpMethod.GET],
      integration,
      authorizer,
    });
    for (const path of PUBLIC_PAGE_PATHS) {
      const [route] = this.pageApi.addRoutes({ path, methods: [apigwv2.HttpMethod.GET], integration });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Loaded by the browser before anyone has signed in (the page, its script and style, its sign-in ' +
          'settings, the API description); none carries inventory data. Every data route requires a JWT.',
      });
    }

    const logged = createLoggedStage(this, this.pageApi, props, {
      user: '$context.authorizer.claims.username',
      userSub: '$context.authorizer.claims.sub',
    });
    this.stage = logged.stage;

    // The page learns where to sign in from /config.json, which the function builds from these.
    props.queryFunction.addEnvironment(SIGN_IN_ENVIRONMENT.domainUrl, this.domain.baseUrl());
    props.queryFunction.addEnvironment(SIGN_IN_ENVIRONMENT.clientId, this.client.userPoolClientId);
    // /openapi.json then offers the sign-in (OpenID Connect) beside SigV4.
    props.queryFunction.addEnvironment(SIGN_IN_ENVIRONMENT.issuer, this.userPool.userPoolProviderUrl);
  }
}
