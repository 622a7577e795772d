import type { RestApi, Stage } from "@aws-sdk/client-api-gateway";
import { RESOURCE_TYPES } from "../../policies/lib/names";
import type { StackResourceView } from "../../policies/lib/policy";
import { compact, compactObject } from "./props";

export function restApiArn(region: string, apiId: string): string {
    return `arn:aws:apigateway:${region}::/restapis/${apiId}`;
}

export function restStageArn(region: string, apiId: string, stageName: string): string {
    return `${restApiArn(region, apiId)}/stages/${stageName}`;
}

export function restApiView(region: string, api: RestApi): StackResourceView {
    const arn = restApiArn(region, api.id!);
    return { type: RESOURCE_TYPES.restApi, name: api.name ?? api.id!, urn: arn, props: compact({ id: api.id, name: api.name, arn, tags: api.tags ?? {} }) };
}

/**
 * A stage in the shape of `aws.apigateway.Stage`: `restApi` is the API id and `stageName` the
 * stage's name, which is how the stack policies find its method settings and its execution-log
 * group (`API-Gateway-Execution-Logs_<api id>/<stage>`); `tracingEnabled` becomes
 * `xrayTracingEnabled` (AWS omits it when off).
 */
export function restStageView(region: string, api: RestApi, stage: Stage): StackResourceView {
    const arn = restStageArn(region, api.id!, stage.stageName!);
    return {
        type: RESOURCE_TYPES.restStage,
        name: `${api.name ?? api.id}/${stage.stageName}`,
        urn: arn,
        props: compact({
            restApi: api.id,
            stageName: stage.stageName,
            deployment: stage.deploymentId,
            arn,
            xrayTracingEnabled: stage.tracingEnabled ?? false,
            accessLogSettings: compactObject(
                stage.accessLogSettings ? { destinationArn: stage.accessLogSettings.destinationArn, format: stage.accessLogSettings.format } : undefined,
            ),
            tags: stage.tags ?? {},
        }),
    };
}

/**
 * The stage's method settings, one `aws.apigateway.MethodSettings` per key of the stage's
 * `methodSettings` map (`*\/*` for all methods, `<resource path>/<METHOD>` for one). They take
 * the stage's ARN (the AWS resource that holds them) and tags, so a waiver tag on the stage
 * applies to them too.
 */
export function methodSettingsViews(region: string, api: RestApi, stage: Stage): StackResourceView[] {
    const stageArn = restStageArn(region, api.id!, stage.stageName!);
    return Object.entries(stage.methodSettings ?? {}).map(([methodPath, settings]) => ({
        type: RESOURCE_TYPES.restMethodSettings,
        name: `${api.name ?? api.id}/${stage.stageName}/${methodPath}`,
        urn: `${stageArn}/methodSettings/${methodPath}`,
        props: compact({
            restApi: api.id,
            stageName: stage.stageName,
            methodPath,
            arn: stageArn,
            settings: compact({
                loggingLevel: settings.loggingLevel,
                metricsEnabled: settings.metricsEnabled,
                dataTraceEnabled: settings.dataTraceEnabled,
                throttlingBurstLimit: settings.throttlingBurstLimit,
                throttlingRateLimit: settings.throttlingRateLimit,
                cachingEnabled: settings.cachingEnabled,
            }),
            tags: stage.tags ?? {},
        }),
    }));
}
