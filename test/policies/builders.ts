import { RESOURCE_TYPES } from "../../policies/lib/names";

/**
 * Fixtures: a compliant resource of each kind, as Pulumi property objects, and `change` to
 * alter one field per test (a field set to `undefined` is removed).
 */

export interface TestResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    propertyDependencies?: Record<string, Array<{ urn: string }>>;
}

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const REST_API_ID = "a1b2c3d4e5";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::observability-estate::${type}::${name}`;
}

function resource(type: string, name: string, props: Record<string, unknown>): TestResource {
    return { type, name, urn: urnOf(type, name), props };
}

export const REST_ACCESS_LOG_FORMAT =
    '{"requestId":"$context.requestId","traceId":"$context.xrayTraceId","status":$context.status,"latency":$context.responseLatency,"ip":"$context.identity.sourceIp"}';
export const V2_ACCESS_LOG_FORMAT = '{"requestId":"$context.requestId","status":"$context.status","route":"$context.routeKey"}';

export function logGroupArn(name: string): string {
    return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
}

export function lambdaFunction(name = "orders"): TestResource {
    return resource(RESOURCE_TYPES.lambdaFunction, name, {
        name,
        runtime: "nodejs20.x",
        handler: "index.handler",
        role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN" },
        tags: { service: name },
    });
}

export function logGroup(name = "/aws/lambda/orders", logicalName = "orders-logs"): TestResource {
    return resource(RESOURCE_TYPES.logGroup, logicalName, {
        name,
        arn: logGroupArn(name),
        retentionInDays: 365,
        kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        tags: {},
    });
}

export function restStage(stageName = "prod", logicalName = "api-stage"): TestResource {
    return resource(RESOURCE_TYPES.restStage, logicalName, {
        restApi: REST_API_ID,
        stageName,
        deployment: "dep123",
        xrayTracingEnabled: true,
        accessLogSettings: { destinationArn: logGroupArn(`/aws/apigateway/${REST_API_ID}/${stageName}`), format: REST_ACCESS_LOG_FORMAT },
        tags: {},
    });
}

export function methodSettings(stageName = "prod", logicalName = "api-method-settings"): TestResource {
    return resource(RESOURCE_TYPES.restMethodSettings, logicalName, {
        restApi: REST_API_ID,
        stageName,
        methodPath: "*/*",
        settings: { loggingLevel: "ERROR", metricsEnabled: true, dataTraceEnabled: false },
    });
}

export function v2Api(protocolType: "HTTP" | "WEBSOCKET", id = "w1x2y3z4", logicalName = "ws-api"): TestResource {
    return resource(RESOURCE_TYPES.v2Api, logicalName, {
        id,
        name: logicalName,
        protocolType,
        arn: `arn:aws:apigateway:${REGION}::/apis/${id}`,
    });
}

export function v2Stage(apiId = "w1x2y3z4", logicalName = "ws-stage"): TestResource {
    return resource(RESOURCE_TYPES.v2Stage, logicalName, {
        apiId,
        name: "prod",
        accessLogSettings: { destinationArn: logGroupArn(`/aws/apigateway/${apiId}/prod`), format: V2_ACCESS_LOG_FORMAT },
        defaultRouteSettings: { loggingLevel: "ERROR", detailedMetricsEnabled: true, dataTraceEnabled: false },
        tags: {},
    });
}

type Patch = { [key: string]: unknown };

function merge(base: Record<string, unknown>, patch: Patch): Record<string, unknown> {
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
        const current = base[key];
        if (value === undefined) {
            delete result[key];
        } else if (isObject(value) && isObject(current)) {
            result[key] = merge(current, value);
        } else {
            result[key] = value;
        }
    }
    return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A copy of `base` with `patch` merged into its properties. */
export function change(base: TestResource, patch: Patch): TestResource {
    return { ...base, props: merge(base.props, patch) };
}

/** A copy of `base` with its property dependencies set. */
export function dependingOn(base: TestResource, dependencies: Record<string, TestResource[]>): TestResource {
    const propertyDependencies: Record<string, Array<{ urn: string }>> = {};
    for (const [property, resources] of Object.entries(dependencies)) {
        propertyDependencies[property] = resources.map((dependency) => ({ urn: dependency.urn }));
    }
    return { ...base, propertyDependencies };
}

/** The resources of a compliant stack: a function with its log group, a REST stage with its groups and settings, a WebSocket stage. */
export function compliantStack(): TestResource[] {
    return [
        lambdaFunction(),
        logGroup(),
        restStage(),
        logGroup(`/aws/apigateway/${REST_API_ID}/prod`, "api-access-logs"),
        logGroup(`API-Gateway-Execution-Logs_${REST_API_ID}/prod`, "api-execution-logs"),
        methodSettings(),
        v2Api("WEBSOCKET"),
        v2Stage(),
    ];
}
