import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpJwtAuthorizer,
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  type AgencyRole,
  type FunctionName,
  type RouteAccess,
  type RouteSpec,
  rateLimits,
} from '../../shared/wiring.js';
import type { SupervisionFunction } from './supervision-function.js';

/** Props of {@link SupervisionApi}. */
export interface SupervisionApiProps {
  /** the routes of shared/wiring.ts, each with its operationId */
  readonly routes: ReadonlyArray<RouteSpec & { operationId: string }>;
  /** the function of each wiring name */
  readonly functionNamed: (name: FunctionName) => SupervisionFunction;
  /** the Lambda authorizer of upload tokens */
  readonly uploadAuthorizer: SupervisionFunction;
  /**
   * browser origins, other than the site's own (which reaches the API through the same distribution), allowed to
   * call the API directly (CORS); none → no CORS at all
   */
  readonly corsOrigins: string[];
  /**
   * origins serving the console (`/console/`): the app client's sign-in returns to `<origin>/console/auth/callback`
   * and sign-out to `<origin>/console/`
   */
  readonly consoleOrigins: string[];
  /** the prefix of the Cognito domain of the sign-in pages (`<prefix>.auth.<region>.amazoncognito.com`) */
  readonly authDomainPrefix: string;
}

/** Where the console's sign-in returns (the authorization code) and where sign-out lands, for each origin. */
export function consoleRedirects(origins: readonly string[]): { callbackUrls: string[]; logoutUrls: string[] } {
  return {
    callbackUrls: origins.map((origin) => `${origin}/console/auth/callback`),
    logoutUrls: origins.map((origin) => `${origin}/console/`),
  };
}

/** The agency roles; each is a Cognito group whose name lands in the `cognito:groups` claim. */
const AGENCY_ROLES: Record<AgencyRole, string> = {
  inspector: 'Inspectors: record inspections, findings, incidents and criticisms; verify rectification',
  officer: 'Officers (agency leadership): confirm inclusion, extend cycles, publish circulars, run evaluations',
};

/** What one access-log line of the HTTP API records (never the Authorization header). */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integration.latency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
});

/**
 * The HTTP API (SPEC §4), generated from the wiring's `routes`: one route per row with a Lambda proxy integration
 * (payload 2.0) to the row's function. Who may call: `agency` rows go through a JWT authorizer on the Cognito user
 * pool (the role itself is checked by the handler from `cognito:groups`); `upload` rows through the upload-token
 * Lambda authorizer; `public` rows through none.
 */
export class SupervisionApi extends Construct {
  readonly httpApi: HttpApi;
  /** the `$default` route: what no route matches, answered 404 in Chinese */
  readonly noRoute: HttpRoute;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  readonly agencyClient: UserPoolClient;
  /** the Cognito domain serving the sign-in pages and the token endpoint */
  readonly authDomain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly authOrigin: string;
  /** the API's base URL without a trailing slash, e.g. `https://abc.execute-api.region.amazonaws.com` */
  readonly url: string;
  /** the route of each operationId */
  readonly routes = new Map<string, HttpRoute>();

  constructor(scope: Construct, id: string, props: SupervisionApiProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new UserPool(this, 'AgencyUsers', {
      // accounts are created by the agency's administrators, never by sign-up
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials tier: a closed user base of agency staff, created by administrators, with TOTP MFA required and a strong password policy; the Plus tier threat protection is a cost decision left to the agency.',
    });
    for (const [role, description] of Object.entries(AGENCY_ROLES)) {
      new UserPoolGroup(this, `Group-${role}`, { userPool: this.userPool, groupName: role, description });
    }
    this.authDomain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });
    this.authOrigin = this.authDomain.baseUrl();
    // The console signs in with the authorization-code flow and PKCE (a browser app cannot keep a secret, so there
    // is none): no implicit flow, no direct password or SRP sign-in through this client, only the Cognito sign-in
    // pages (with their MFA); the API takes the access token (see shared/http/principal.ts).
    this.agencyClient = this.userPool.addClient('AgencyWebApp', {
      generateSecret: false,
      // all false but refresh: ExplicitAuthFlows = [ALLOW_REFRESH_TOKEN_AUTH]
      authFlows: { userSrp: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        ...consoleRedirects(props.consoleOrigins),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Differentiated supervision of construction-site safety',
      // the stage is made below, with access logging and throttling
      createDefaultStage: false,
      ...(props.corsOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [...new Set(props.routes.map((route) => CorsHttpMethod[route.method]))],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'accept-language'],
              exposeHeaders: ['location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.url = this.httpApi.apiEndpoint;

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // the default is the agency routes' limit; every other route has its own, far lower (below)
      throttle: { rateLimit: rateLimits.agency.api.rate, burstLimit: rateLimits.agency.api.burst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    const authorizers: Record<RouteAccess['kind'], IHttpRouteAuthorizer> = {
      agency: new HttpJwtAuthorizer(
        'AgencyJwt',
        `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`,
        { jwtAudience: [this.agencyClient.userPoolClientId] },
      ),
      upload: new HttpLambdaAuthorizer('UploadToken', props.uploadAuthorizer, {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.Authorization'],
        // a revoked upload link must stop working on the next request
        resultsCacheTtl: Duration.seconds(0),
      }),
      // assessment links (SPEC §6.2): the same function knows both kinds of link token
      assessment: new HttpLambdaAuthorizer('AssessmentToken', props.uploadAuthorizer, {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.Authorization'],
        resultsCacheTtl: Duration.seconds(0),
      }),
      public: new HttpNoneAuthorizer(),
    };

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationOf = (name: FunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}-integration`, props.functionNamed(name), {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const spec of props.routes) {
      const route = new HttpRoute(this, spec.operationId, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(spec.path, HttpMethod[spec.method]),
        integration: integrationOf(spec.function),
        authorizer: authorizers[spec.access.kind],
      });
      if (spec.access.kind === 'public') {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${spec.method} ${spec.path} is open to anyone by the product contract (SPEC §4); it serves public data only.`,
        });
      }
      this.routes.set(spec.operationId, route);
    }
    // a request no route matches (an unknown path, or a method its path does not take): API Gateway's own answer is
    // English (`{"message":"Not Found"}`); the `$default` route hands it to the `openapi` function, which answers the
    // 404 problem+json in Chinese that the local twin's gateway answers (functions/openapi/handler.ts)
    this.noRoute = new HttpRoute(this, 'NoRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationOf('openapi'),
      authorizer: authorizers.public,
    });
    Validations.of(this.noRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The $default route takes only requests no route of the API matches and answers each with a 404 problem (no data): there is nothing to authorize.',
    });
    this.throttleRoutes(props.routes);
  }

  /**
   * Per-route throttles (SPEC §4 Security): each route not called with an agency login (public routes, upload-token
   * routes, whose every junk token still runs the authorizer) gets its access kind's limit, far below the agency
   * routes' stage default, so anonymous traffic cannot use up what the agencies need. The stage names the routes
   * by key, so it is deployed after them.
   */
  private throttleRoutes(routes: ReadonlyArray<RouteSpec & { operationId: string }>): void {
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const spec of routes) {
      if (spec.access.kind === 'agency') continue;
      const { rate, burst } = rateLimits[spec.access.kind].api;
      settings[`${spec.method} ${spec.path}`] = { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst };
      const route = this.routes.get(spec.operationId);
      if (route) this.stage.node.addDependency(route);
    }
    // the unmatched requests are anonymous too
    settings.$default = {
      ThrottlingRateLimit: rateLimits.public.api.rate,
      ThrottlingBurstLimit: rateLimits.public.api.burst,
    };
    this.stage.node.addDependency(this.noRoute);
    (this.stage.node.defaultChild as CfnStage).routeSettings = settings;
  }
}
