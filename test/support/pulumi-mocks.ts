import * as pulumi from "@pulumi/pulumi";

/**
 * In-process Pulumi mocks for component tests. Every registered resource is recorded with its
 * resolved inputs; custom resources get the computed outputs real providers return (id, arn,
 * name) so that programs that pass `.arn` around resolve to realistic strings.
 */
export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    custom: boolean;
}

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "eu-west-1";

function arnFor(type: string, name: string, inputs: Record<string, any>): string {
    const [pkg, moduleAndResource] = type.split(":");
    const service = (moduleAndResource ?? "resource").split("/")[0].toLowerCase();
    if (pkg !== "aws") {
        return `arn:${pkg}:${service}:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${name}`;
    }
    switch (type) {
        case "aws:s3/bucketV2:BucketV2":
        case "aws:s3/bucket:Bucket":
            return `arn:aws:s3:::${inputs.bucket ?? name}`;
        case "aws:iam/role:Role":
            return `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${inputs.name ?? name}`;
        case "aws:iam/policy:Policy":
            return `arn:aws:iam::${MOCK_ACCOUNT_ID}:policy/${inputs.name ?? name}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:${inputs.name ?? name}`;
        case "aws:kms/key:Key":
            return `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/${name}`;
        case "aws:sns/topic:Topic":
            return `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${inputs.name ?? name}`;
        case "aws:lambda/function:Function":
            return `arn:aws:lambda:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:function:${inputs.name ?? name}`;
        case "aws:cloudtrail/trail:Trail":
            return `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/${inputs.name ?? name}`;
        case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
            return `arn:aws:firehose:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:deliverystream/${inputs.name ?? name}`;
        default:
            return `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${name}`;
    }
}

/** Computed outputs of API Gateway resources that programs hand on (invoke URLs, execution ARNs). */
function apiGatewayOutputs(type: string, id: string, inputs: Record<string, any>): Record<string, string> {
    const host = (apiId: string) => `https://${apiId}.execute-api.${MOCK_REGION}.amazonaws.com`;
    const executionArn = (apiId: string) => `arn:aws:execute-api:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:${apiId}`;
    switch (type) {
        case "aws:apigateway/restApi:RestApi":
            return { executionArn: executionArn(id), rootResourceId: `${id}-root` };
        case "aws:apigateway/stage:Stage":
            return {
                invokeUrl: `${host(inputs.restApi)}/${inputs.stageName}`,
                executionArn: `${executionArn(inputs.restApi)}/${inputs.stageName}`,
            };
        case "aws:apigatewayv2/api:Api":
            return { apiEndpoint: host(id), executionArn: executionArn(id) };
        case "aws:apigatewayv2/stage:Stage":
            return {
                invokeUrl: inputs.name === "$default" ? `${host(inputs.apiId)}/` : `${host(inputs.apiId)}/${inputs.name}`,
                executionArn: `${executionArn(inputs.apiId)}/${inputs.name}`,
            };
        default:
            return {};
    }
}

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true });
        const id = args.inputs.name ?? args.inputs.bucket ?? `${args.name}-id`;
        const state: Record<string, any> = { ...args.inputs, arn: arnFor(args.type, args.name, args.inputs) };
        if (state.name === undefined) {
            state.name = args.name;
        }
        Object.assign(state, apiGatewayOutputs(args.type, String(id), args.inputs));
        if (args.type === "aws:kms/key:Key") {
            state.keyId = `${args.name}-key-id`;
        }
        return { id: String(id), state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/test`, userId: "AIDTEST" };
            case "aws:index/getRegion:getRegion":
                return { name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            default:
                return args.inputs;
        }
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }
}

/** Installs fresh recording mocks for one test (call in `beforeEach`). */
export async function useRecordingMocks(stack = "dev"): Promise<RecordingMocks> {
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, "observability-estate", stack, false);
    return mocks;
}

/** Resolves an Output in a test (mocks make every output known). */
export function resolve<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
    return new Promise((done) => pulumi.output(output).apply((value) => done(value as T)));
}

// `waitForRPCs` is marked internal in the typings but is what `disconnect` uses to drain the queue.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeSettings: { waitForRPCs(): Promise<void>; getMonitor(): unknown } = require("@pulumi/pulumi/runtime/settings");

/** Waits until every resource registration in flight has reached the mocks. */
export function settle(): Promise<void> {
    return runtimeSettings.waitForRPCs();
}

/**
 * URNs of every resource registered so far. A mock URN carries the type chain of its parents
 * (`...::observability:index:ObservabilityEstate$aws:s3/bucket:Bucket::name`), so tests can
 * check which component each resource belongs to.
 */
export function registeredUrns(): string[] {
    const monitor = runtimeSettings.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    return [...monitor.getRegisteredResources().keys()];
}

/**
 * Records the type, name, inputs and options of a component's children as they are declared
 * (pass `transformations` in the component's options): the mocks never see `dependsOn`, this does.
 */
export function captureChildOptions(): { transformations: pulumi.ResourceTransformation[]; declared: pulumi.ResourceTransformationArgs[] } {
    const declared: pulumi.ResourceTransformationArgs[] = [];
    return {
        declared,
        transformations: [
            (args) => {
                declared.push(args);
                return undefined;
            },
        ],
    };
}
