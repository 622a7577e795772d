import type { ApiCall } from "../aws/calls";

/**
 * The IAM action that authorises an SDK call. Most services name actions after operations;
 * API Gateway (REST and v2 alike) authorises by HTTP method on the resource path instead.
 */

const SERVICE_PREFIXES: Readonly<Record<string, string>> = {
    LambdaClient: "lambda",
    CloudWatchLogsClient: "logs",
    EC2Client: "ec2",
    STSClient: "sts",
    OrganizationsClient: "organizations",
    ResourceGroupsTaggingAPIClient: "tag",
};

const API_GATEWAY_CLIENTS = new Set(["APIGatewayClient", "ApiGatewayV2Client"]);

const API_GATEWAY_METHODS: ReadonlyArray<[RegExp, string]> = [
    [/^Get/, "GET"],
    [/^Update/, "PATCH"],
    [/^Create/, "POST"],
    [/^Delete/, "DELETE"],
    [/^(Put|Import|Reimport)/, "PUT"],
];

export function iamActionFor(call: Pick<ApiCall, "client" | "operation">): string {
    if (API_GATEWAY_CLIENTS.has(call.client)) {
        const method = API_GATEWAY_METHODS.find(([pattern]) => pattern.test(call.operation));
        if (!method) {
            throw new Error(`no API Gateway IAM method known for operation ${call.operation}`);
        }
        return `apigateway:${method[1]}`;
    }
    const prefix = SERVICE_PREFIXES[call.client];
    if (!prefix) {
        throw new Error(`no IAM service prefix known for client ${call.client}; known: ${Object.keys(SERVICE_PREFIXES).join(", ")}, APIGatewayClient, ApiGatewayV2Client`);
    }
    return `${prefix}:${call.operation}`;
}
