// The HTTP API: one route per http trigger, Cognito JWTs verified by API Gateway before a Lambda
// runs. Role checks stay in the function (HTTP_ACCESS), since JWT authorizers only know scopes.
// The API, its stage and authorizer are the stage's own; each route, with its integration and
// invoke permission, is made beside its function (in that function's nested stack), so routes
// grow the stacks of functions and not the stage's stack.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Trigger } from '../manifest-schema.ts';

export type HttpTriggerSpec = Extract<Trigger, { type: 'http' }>;

export interface ApiProps {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly retain: boolean;
}

// HTTP API context variables only ($context.identity.caller and friends are REST-only).
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  private readonly jwt: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.jwt = new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: [props.client.userPoolClientId],
    });
    // Every route is signed-in unless the manifest says `public`, so a forgotten access rule
    // fails closed.
    this.httpApi = new HttpApi(this, 'Http', { createDefaultStage: false, defaultAuthorizer: this.jwt });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.retain ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
      // Account-wide guard against a runaway client; per-tenant limits are enforced in the app.
      throttle: { rateLimit: 500, burstLimit: 1000 },
    });
  }

  get url(): string {
    return this.stage.url;
  }

  /**
   * Adds the route an http trigger declares, integrated with `fn`, as `Route` under `scope` (the
   * function's construct); the integration and invoke permission go under the route.
   */
  addRoute(scope: Construct, name: string, trigger: HttpTriggerSpec, fn: IFunction): HttpRoute {
    const isPublic = trigger.access === 'public';
    const route = new HttpRoute(scope, 'Route', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(trigger.path, HttpMethod[trigger.method]),
      integration: new HttpLambdaIntegration('Integration', fn),
      authorizer: isPublic ? new HttpNoneAuthorizer() : this.jwt,
    });
    if (isPublic) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${trigger.method} ${trigger.path} (function ${name}) is declared access 'public' in infra/manifest.ts: its callers have no token yet (signup, token exchange). Stage throttling still applies.`,
      });
    }
    return route;
  }
}
