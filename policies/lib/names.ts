/**
 * The names of the pack's policies and the resource types they inspect: defined once here and
 * imported by the policies, the catalog, the offline preview and the auditor.
 */

export const POLICY_NAMES = {
    lambdaTracing: "lambda-tracing-active",
    lambdaStructuredLogging: "lambda-structured-logging",
    logGroupRetention: "log-group-retention",
    logGroupEncryption: "log-group-encryption",
    restStageTracing: "rest-stage-xray-tracing",
    restStageAccessLogs: "rest-stage-access-logs",
    restExecutionLogging: "rest-stage-execution-logging",
    v2StageAccessLogs: "v2-stage-access-logs",
    websocketExecutionLogging: "websocket-execution-logging",
    lambdaLogGroupDeclared: "lambda-log-group-declared",
    restStageLogGroupsDeclared: "rest-stage-log-groups-declared",
    restStageMethodSettingsDeclared: "rest-stage-method-settings-declared",
    waiversInUse: "waivers-in-use",
} as const;

export type PolicyName = (typeof POLICY_NAMES)[keyof typeof POLICY_NAMES];

/** Pulumi type tokens of the underlying AWS resources (any program, component library or awsx creates these). */
export const RESOURCE_TYPES = {
    lambdaFunction: "aws:lambda/function:Function",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    restApi: "aws:apigateway/restApi:RestApi",
    restStage: "aws:apigateway/stage:Stage",
    restMethodSettings: "aws:apigateway/methodSettings:MethodSettings",
    v2Stage: "aws:apigatewayv2/stage:Stage",
    v2Api: "aws:apigatewayv2/api:Api",
} as const;

export type ResourceType = (typeof RESOURCE_TYPES)[keyof typeof RESOURCE_TYPES];
