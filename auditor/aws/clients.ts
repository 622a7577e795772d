import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { CallListener } from "./calls";

/**
 * SDK clients for one account and region. Endpoints come from the SDK's own resolution, which
 * honours `AWS_ENDPOINT_URL` (so an emulator works unchanged); throttling is handled by the
 * SDK's adaptive retry mode, which also slows the client down while AWS keeps throttling.
 */

export interface ClientSettings {
    credentials: AwsCredentialIdentityProvider;
    /** Attempts per call before a throttled or failing call is given up (SDK default 3). */
    maxAttempts: number;
    onCall?: CallListener;
}

interface MiddlewareClient {
    middlewareStack: {
        add(
            middleware: (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => (args: unknown) => Promise<unknown>,
            options: { step: "initialize"; name: string },
        ): void;
    };
}

function observed<T>(client: T, region: string, onCall: CallListener | undefined): T {
    if (onCall) {
        (client as unknown as MiddlewareClient).middlewareStack.add(
            (next, context) => async (args) => {
                onCall({ client: context.clientName ?? "unknown", operation: (context.commandName ?? "unknown").replace(/Command$/, ""), region });
                return next(args);
            },
            { step: "initialize", name: "auditorCallRecorder" },
        );
    }
    return client;
}

function baseConfig(region: string, settings: ClientSettings) {
    return { region, credentials: settings.credentials, retryMode: "adaptive", maxAttempts: settings.maxAttempts };
}

export interface RegionClients {
    region: string;
    lambda: LambdaClient;
    logs: CloudWatchLogsClient;
    apigateway: APIGatewayClient;
    apigatewayv2: ApiGatewayV2Client;
    tagging: ResourceGroupsTaggingAPIClient;
}

export function regionClients(region: string, settings: ClientSettings): RegionClients {
    const config = baseConfig(region, settings);
    return {
        region,
        lambda: observed(new LambdaClient(config), region, settings.onCall),
        logs: observed(new CloudWatchLogsClient(config), region, settings.onCall),
        apigateway: observed(new APIGatewayClient(config), region, settings.onCall),
        apigatewayv2: observed(new ApiGatewayV2Client(config), region, settings.onCall),
        tagging: observed(new ResourceGroupsTaggingAPIClient(config), region, settings.onCall),
    };
}

export function destroyRegionClients(clients: RegionClients): void {
    clients.lambda.destroy();
    clients.logs.destroy();
    clients.apigateway.destroy();
    clients.apigatewayv2.destroy();
    clients.tagging.destroy();
}

export function stsClient(region: string, settings: ClientSettings): STSClient {
    return observed(new STSClient(baseConfig(region, settings)), region, settings.onCall);
}

export function ec2Client(region: string, settings: ClientSettings): EC2Client {
    return observed(new EC2Client(baseConfig(region, settings)), region, settings.onCall);
}

export function organizationsClient(region: string, settings: ClientSettings): OrganizationsClient {
    return observed(new OrganizationsClient(baseConfig(region, settings)), region, settings.onCall);
}

/** `AccessDeniedException: User ... is not authorized` — the error's code and message. */
export function describeAwsError(error: unknown): string {
    if (error instanceof Error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const code = error.name && error.name !== "Error" ? error.name : "Error";
        const message = error.message && error.message !== code ? `: ${error.message}` : "";
        return `${code}${message}${status ? ` (HTTP ${status})` : ""}`;
    }
    return String(error);
}
