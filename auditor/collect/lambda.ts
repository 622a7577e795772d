import { paginateListFunctions, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";

/**
 * Every function of a region, one `ListFunctions` page per 50 functions. The listing already
 * carries `TracingConfig` and `LoggingConfig`, so no per-function call is needed.
 */
export async function listFunctions(client: LambdaClient): Promise<FunctionConfiguration[]> {
    const functions: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions({ client, pageSize: 50 }, {})) {
        functions.push(...(page.Functions ?? []));
    }
    return functions;
}
