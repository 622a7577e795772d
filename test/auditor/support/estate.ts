import {
    APIGatewayClient,
    CreateDeploymentCommand,
    CreateRestApiCommand,
    CreateStageCommand,
    GetResourcesCommand,
    PutIntegrationCommand,
    PutMethodCommand,
    UpdateStageCommand,
    type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand as CreateV2StageCommand } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateFunctionCommand, LambdaClient, type LoggingConfig } from "@aws-sdk/client-lambda";
import { mapWithConcurrency } from "../../../engine/concurrency";
import { ACCOUNT, LAMBDA_ROLE, LAMBDA_ROLE_ARN, seedDirect } from "./emulator";

/**
 * Builders for live test estates, created through the real AWS APIs of the emulator (Lambda's
 * `LoggingConfig` included, which the launcher keeps). Each builder starts from a compliant
 * resource; a test changes the one field it is about.
 */

export const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
export const REST_ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    traceId: "$context.xrayTraceId",
    status: "$context.status",
    latency: "$context.responseLatency",
});
export const V2_ACCESS_LOG_FORMAT = JSON.stringify({ requestId: "$context.requestId", status: "$context.status" });
/** A zip holding `index.js` (`exports.handler = async () => ({});`): Lambda needs some code. */
const PLACEHOLDER_ZIP = Buffer.from(
    "UEsDBBQAAAAIANU7dl24q1rkJQAAACMAAAAIAAAAaW5kZXguanNLrSjILyop1stIzEvJSS1SsFVILK7MS1bQ0FSwtVPQqK7VtAYAUEsBAhQDFAAAAAgA1Tt2XbirWuQlAAAAIwAAAAgAAAAAAAAAAAAAAIABAAAAAGluZGV4LmpzUEsFBgAAAAABAAEANgAAAEsAAAAAAA==",
    "base64",
);

export interface FunctionSpec {
    name: string;
    tracing?: "Active" | "PassThrough";
    logging?: LoggingConfig;
    tags?: Record<string, string>;
}

export interface LogGroupSpec {
    name: string;
    retentionInDays?: number;
    kmsKeyId?: string;
    tags?: Record<string, string>;
}

export interface RestApiSpec {
    name: string;
    stage: string;
    tracing?: boolean;
    accessLog?: { destinationArn: string; format: string };
    /** The stage's method settings for all methods (UpdateStage paths under the all-methods key). */
    allMethods?: { loggingLevel: string; metricsEnabled: boolean; dataTraceEnabled: boolean };
    /** Declare the execution-log group with this retention. */
    executionLogRetention?: number;
    tags?: Record<string, string>;
}

export interface V2ApiSpec {
    name: string;
    protocol: "HTTP" | "WEBSOCKET";
    stage: string;
    accessLog?: { destinationArn: string; format: string };
    loggingLevel?: "OFF" | "ERROR" | "INFO";
}

export interface RegionEstate {
    region: string;
    functions: FunctionSpec[];
    logGroups: LogGroupSpec[];
    restApis: RestApiSpec[];
    v2Apis: V2ApiSpec[];
}

export const compliantFunction = (name: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec => ({
    name,
    tracing: "Active",
    logging: { LogFormat: "JSON", ApplicationLogLevel: "INFO", SystemLogLevel: "WARN" },
    ...overrides,
});

export const compliantLogGroup = (name: string, overrides: Partial<LogGroupSpec> = {}): LogGroupSpec => ({
    name,
    retentionInDays: 365,
    kmsKeyId: KMS_KEY,
    ...overrides,
});

export function logGroupArn(region: string, name: string): string {
    return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
}

export const compliantRestApi = (region: string, name: string, overrides: Partial<RestApiSpec> = {}): RestApiSpec => ({
    name,
    stage: "prod",
    tracing: true,
    accessLog: { destinationArn: logGroupArn(region, "/apigw/access"), format: REST_ACCESS_LOG_FORMAT },
    allMethods: { loggingLevel: "ERROR", metricsEnabled: true, dataTraceEnabled: false },
    executionLogRetention: 365,
    ...overrides,
});

export interface SeededEstate {
    /** REST API ids by name, per region. */
    restApiIds: Map<string, string>;
}

export async function seedRegion(estate: RegionEstate, concurrency = 8): Promise<SeededEstate> {
    const { region } = estate;
    const lambda = new LambdaClient({ region });
    const logs = new CloudWatchLogsClient({ region });
    const apigateway = new APIGatewayClient({ region });
    const apigatewayv2 = new ApiGatewayV2Client({ region });
    try {
        await seedDirect(process.env.AWS_ENDPOINT_URL!, { region, roles: [LAMBDA_ROLE] });
        await mapWithConcurrency(estate.functions, concurrency, async (fn) => {
            await lambda.send(
                new CreateFunctionCommand({
                    FunctionName: fn.name,
                    Runtime: "nodejs20.x",
                    Handler: "index.handler",
                    Role: LAMBDA_ROLE_ARN,
                    Code: { ZipFile: PLACEHOLDER_ZIP },
                    TracingConfig: fn.tracing ? { Mode: fn.tracing } : undefined,
                    LoggingConfig: fn.logging,
                    Tags: fn.tags,
                }),
            );
        });
        const restApiIds = new Map<string, string>();
        const groups = [...estate.logGroups];
        for (const spec of estate.restApis) {
            const api = await apigateway.send(new CreateRestApiCommand({ name: spec.name }));
            restApiIds.set(spec.name, api.id!);
            const root = (await apigateway.send(new GetResourcesCommand({ restApiId: api.id }))).items!.find((resource) => resource.path === "/")!;
            await apigateway.send(new PutMethodCommand({ restApiId: api.id, resourceId: root.id, httpMethod: "GET", authorizationType: "NONE" }));
            await apigateway.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: root.id, httpMethod: "GET", type: "MOCK" }));
            const deployment = await apigateway.send(new CreateDeploymentCommand({ restApiId: api.id }));
            await apigateway.send(new CreateStageCommand({ restApiId: api.id, stageName: spec.stage, deploymentId: deployment.id, tracingEnabled: spec.tracing, tags: spec.tags }));
            const patches: PatchOperation[] = [];
            if (spec.accessLog) {
                patches.push({ op: "replace", path: "/accessLogSettings/destinationArn", value: spec.accessLog.destinationArn });
                patches.push({ op: "replace", path: "/accessLogSettings/format", value: spec.accessLog.format });
            }
            if (spec.allMethods) {
                patches.push({ op: "replace", path: "/*/*/logging/loglevel", value: spec.allMethods.loggingLevel });
                patches.push({ op: "replace", path: "/*/*/metrics/enabled", value: String(spec.allMethods.metricsEnabled) });
                patches.push({ op: "replace", path: "/*/*/logging/dataTrace", value: String(spec.allMethods.dataTraceEnabled) });
            }
            if (patches.length > 0) {
                await apigateway.send(new UpdateStageCommand({ restApiId: api.id, stageName: spec.stage, patchOperations: patches }));
            }
            if (spec.executionLogRetention !== undefined) {
                groups.push(compliantLogGroup(`API-Gateway-Execution-Logs_${api.id}/${spec.stage}`, { retentionInDays: spec.executionLogRetention }));
            }
        }
        for (const spec of estate.v2Apis) {
            const api = await apigatewayv2.send(
                new CreateApiCommand({ Name: spec.name, ProtocolType: spec.protocol, RouteSelectionExpression: spec.protocol === "WEBSOCKET" ? "$request.body.action" : undefined }),
            );
            await apigatewayv2.send(
                new CreateV2StageCommand({
                    ApiId: api.ApiId,
                    StageName: spec.stage,
                    AccessLogSettings: spec.accessLog ? { DestinationArn: spec.accessLog.destinationArn, Format: spec.accessLog.format } : undefined,
                    DefaultRouteSettings: spec.loggingLevel ? { LoggingLevel: spec.loggingLevel } : undefined,
                }),
            );
        }
        await mapWithConcurrency(groups, concurrency, async (group) => {
            await logs.send(new CreateLogGroupCommand({ logGroupName: group.name, kmsKeyId: group.kmsKeyId, tags: group.tags }));
            if (group.retentionInDays !== undefined) {
                await logs.send(new PutRetentionPolicyCommand({ logGroupName: group.name, retentionInDays: group.retentionInDays }));
            }
        });
        return { restApiIds };
    } finally {
        lambda.destroy();
        logs.destroy();
        apigateway.destroy();
        apigatewayv2.destroy();
    }
}
