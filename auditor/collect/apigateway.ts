import { GetStagesCommand, paginateGetRestApis, type APIGatewayClient, type RestApi, type Stage } from "@aws-sdk/client-api-gateway";
import { mapWithConcurrency } from "../../engine/concurrency";

/** A REST API with its stages, or why its stages could not be read. */
export interface RestApiState {
    api: RestApi;
    stages?: Stage[];
    error?: unknown;
}

/** `GetRestApis` pages, then one `GetStages` per API (which returns method settings and tags too). */
export async function listRestApis(client: APIGatewayClient, concurrency: number): Promise<RestApiState[]> {
    const apis: RestApi[] = [];
    for await (const page of paginateGetRestApis({ client, pageSize: 500 }, {})) {
        apis.push(...(page.items ?? []));
    }
    return mapWithConcurrency(apis, concurrency, async (api) => {
        try {
            const stages = await client.send(new GetStagesCommand({ restApiId: api.id }));
            return { api, stages: stages.item ?? [] };
        } catch (error) {
            return { api, error };
        }
    });
}
