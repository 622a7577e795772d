import type { Api, Stage } from "@aws-sdk/client-apigatewayv2";
import { RESOURCE_TYPES } from "../../policies/lib/names";
import type { StackResourceView } from "../../policies/lib/policy";
import { compact, compactObject } from "./props";

export function v2ApiArn(region: string, apiId: string): string {
    return `arn:aws:apigateway:${region}::/apis/${apiId}`;
}

/** An HTTP or WebSocket API in the shape of `aws.apigatewayv2.Api`; `id` is what its stages' `apiId` names. */
export function v2ApiView(region: string, api: Api): StackResourceView {
    const arn = v2ApiArn(region, api.ApiId!);
    return {
        type: RESOURCE_TYPES.v2Api,
        name: api.Name ?? api.ApiId!,
        urn: arn,
        props: compact({ id: api.ApiId, name: api.Name, protocolType: api.ProtocolType, apiEndpoint: api.ApiEndpoint, arn, tags: api.Tags ?? {} }),
    };
}

/** A stage in the shape of `aws.apigatewayv2.Stage` (`name` is the stage name, `apiId` its API). */
export function v2StageView(region: string, api: Api, stage: Stage): StackResourceView {
    const arn = `${v2ApiArn(region, api.ApiId!)}/stages/${stage.StageName}`;
    const route = stage.DefaultRouteSettings;
    return {
        type: RESOURCE_TYPES.v2Stage,
        name: `${api.Name ?? api.ApiId}/${stage.StageName}`,
        urn: arn,
        props: compact({
            apiId: api.ApiId,
            name: stage.StageName,
            arn,
            accessLogSettings: compactObject(
                stage.AccessLogSettings ? { destinationArn: stage.AccessLogSettings.DestinationArn, format: stage.AccessLogSettings.Format } : undefined,
            ),
            defaultRouteSettings: compactObject(
                route
                    ? {
                          loggingLevel: route.LoggingLevel,
                          dataTraceEnabled: route.DataTraceEnabled,
                          detailedMetricsEnabled: route.DetailedMetricsEnabled,
                          throttlingBurstLimit: route.ThrottlingBurstLimit,
                          throttlingRateLimit: route.ThrottlingRateLimit,
                      }
                    : undefined,
            ),
            tags: stage.Tags ?? {},
        }),
    };
}
