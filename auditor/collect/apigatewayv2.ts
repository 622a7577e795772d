import { ApiGatewayV2Client, GetApisCommand, GetStagesCommand, type Api, type Stage } from "@aws-sdk/client-apigatewayv2";
import { createPaginator } from "@smithy/core";
import type { Paginator } from "@smithy/types";
import type { GetApisCommandInput, GetApisCommandOutput, GetStagesCommandInput, GetStagesCommandOutput } from "@aws-sdk/client-apigatewayv2";
import { mapWithConcurrency } from "../../engine/concurrency";

/** An HTTP or WebSocket API with its stages, or why its stages could not be read. */
export interface V2ApiState {
    api: Api;
    stages?: Stage[];
    error?: unknown;
}

type PaginatorFor<Input, Output> = (config: { client: ApiGatewayV2Client }, input: Input) => Paginator<Output>;

// The v2 client ships no paginators for these operations; the SDK's generic one follows NextToken.
const paginateGetApis: PaginatorFor<GetApisCommandInput, GetApisCommandOutput> = createPaginator(
    ApiGatewayV2Client,
    GetApisCommand,
    "NextToken",
    "NextToken",
);
const paginateGetStages: PaginatorFor<GetStagesCommandInput, GetStagesCommandOutput> = createPaginator(
    ApiGatewayV2Client,
    GetStagesCommand,
    "NextToken",
    "NextToken",
);

/** `GetApis` pages, then `GetStages` per API (stages carry access-log and route settings and tags). */
export async function listV2Apis(client: ApiGatewayV2Client, concurrency: number): Promise<V2ApiState[]> {
    const apis: Api[] = [];
    for await (const page of paginateGetApis({ client }, {})) {
        apis.push(...(page.Items ?? []));
    }
    return mapWithConcurrency(apis, concurrency, async (api) => {
        try {
            const stages: Stage[] = [];
            for await (const page of paginateGetStages({ client }, { ApiId: api.ApiId })) {
                stages.push(...(page.Items ?? []));
            }
            return { api, stages };
        } catch (error) {
            return { api, error };
        }
    });
}
