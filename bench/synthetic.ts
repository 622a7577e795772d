import type { RegisteredResource } from "../engine/program-model";

/**
 * A synthetic stack for benchmarks: compliant Lambda functions with their log groups, and
 * every tenth function fronted by a REST stage with its method settings and log groups — the
 * resource mix a serverless estate has. Shapes are the Pulumi input shapes the engine sends.
 */

const STACK_URN = "urn:pulumi:bench::bench::pulumi:pulumi:Stack::bench-bench";
const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/bench";

function resource(type: string, name: string, properties: Record<string, unknown>): RegisteredResource {
    return {
        urn: `urn:pulumi:bench::bench::${type}::${name}`,
        type,
        name,
        parent: STACK_URN,
        custom: true,
        provider: null,
        dependencies: [],
        properties,
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [] },
    };
}

const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    xrayTraceId: "$context.xrayTraceId",
    httpMethod: "$context.httpMethod",
    path: "$context.path",
    status: "$context.status",
    responseLatency: "$context.responseLatency",
}).replace(/"(\$context\.(status|responseLatency))"/g, "$1");

/** About `count` resources (rounded to whole groups). */
export function syntheticStack(count: number): RegisteredResource[] {
    const resources: RegisteredResource[] = [];
    for (let i = 0; resources.length < count; i++) {
        const fn = `fn-${i}`;
        resources.push(
            resource("aws:cloudwatch/logGroup:LogGroup", `${fn}-logs`, { name: `/aws/lambda/${fn}`, retentionInDays: 30, kmsKeyId: KMS_KEY }),
            resource("aws:lambda/function:Function", fn, {
                name: fn,
                runtime: "nodejs20.x",
                handler: "index.handler",
                role: `arn:aws:iam::123456789012:role/${fn}`,
                tracingConfig: { mode: "Active" },
                loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN", logGroup: `/aws/lambda/${fn}` },
            }),
        );
        if (i % 10 === 0) {
            const api = `api${i.toString().padStart(7, "0")}`;
            resources.push(
                resource("aws:cloudwatch/logGroup:LogGroup", `${api}-access`, { name: `/aws/apigateway/${api}/dev/access`, retentionInDays: 30, kmsKeyId: KMS_KEY }),
                resource("aws:cloudwatch/logGroup:LogGroup", `${api}-execution`, {
                    name: `API-Gateway-Execution-Logs_${api}/dev`,
                    retentionInDays: 30,
                    kmsKeyId: KMS_KEY,
                }),
                resource("aws:apigateway/stage:Stage", `${api}-stage`, {
                    restApi: api,
                    stageName: "dev",
                    deployment: `${api}-deployment`,
                    xrayTracingEnabled: true,
                    accessLogSettings: {
                        destinationArn: `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/${api}/dev/access`,
                        format: ACCESS_LOG_FORMAT,
                    },
                }),
                resource("aws:apigateway/methodSettings:MethodSettings", `${api}-settings`, {
                    restApi: api,
                    stageName: "dev",
                    methodPath: "*/*",
                    settings: { loggingLevel: "INFO", metricsEnabled: true, dataTraceEnabled: false },
                }),
            );
        }
    }
    return resources;
}
