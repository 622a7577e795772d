import { createHash } from "crypto";

/**
 * What a provider would return for a resource after `pulumi up`, computed offline: the inputs
 * plus the computed outputs programs commonly pass around (`id`, `arn`, auto-generated physical
 * names). Values are deterministic so that previews and tests are repeatable.
 */

/** Pulumi's auto-naming: the logical name plus a random 7-character hex suffix (here: a stable hash). */
/** The account every offline run and component test pretends to be in. */
export const OFFLINE_ACCOUNT_ID = "123456789012";

export function autoName(logicalName: string): string {
    return `${logicalName}-${createHash("sha256").update(logicalName).digest("hex").slice(0, 7)}`;
}

/** API Gateway style ids: 10 lower-case alphanumerics, stable for a logical name. */
function shortId(logicalName: string): string {
    return createHash("sha256").update(`id:${logicalName}`).digest("hex").slice(0, 10);
}

/** Resource types whose physical name property is not `name`. */
const NAME_PROPERTIES: Record<string, string> = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:sns/topic:Topic": "name",
    "aws:apigateway/stage:Stage": "stageName",
    "aws:apigatewayv2/stage:Stage": "name",
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": "alarmName",
    "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
    "aws:xray/samplingRule:SamplingRule": "ruleName",
    "aws:xray/group:Group": "groupName",
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": "configurationName",
};

/** Types that have no physical name of their own (they are settings of another resource). */
const UNNAMED_TYPES = new Set([
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:apigateway/methodSettings:MethodSettings",
    "aws:apigateway/account:Account",
    "aws:apigateway/deployment:Deployment",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:xray/encryptionConfig:EncryptionConfig",
    "aws:kms/alias:Alias",
]);

function arnFor(type: string, physicalName: string, id: string, region: string, account: string): string {
    const [pkg, rest = ""] = type.split(":");
    const service = rest.split("/")[0].toLowerCase();
    if (pkg !== "aws") {
        return `arn:${pkg}:${service}:${region}:${account}:${physicalName}`;
    }
    switch (type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return `arn:aws:s3:::${physicalName}`;
        case "aws:iam/role:Role":
            return `arn:aws:iam::${account}:role/${physicalName}`;
        case "aws:iam/policy:Policy":
            return `arn:aws:iam::${account}:policy/${physicalName}`;
        case "aws:cloudwatch/logGroup:LogGroup":
            return `arn:aws:logs:${region}:${account}:log-group:${physicalName}`;
        case "aws:kms/key:Key":
            return `arn:aws:kms:${region}:${account}:key/${id}`;
        case "aws:sns/topic:Topic":
            return `arn:aws:sns:${region}:${account}:${physicalName}`;
        case "aws:sqs/queue:Queue":
            return `arn:aws:sqs:${region}:${account}:${physicalName}`;
        case "aws:lambda/function:Function":
            return `arn:aws:lambda:${region}:${account}:function:${physicalName}`;
        case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
            return `arn:aws:firehose:${region}:${account}:deliverystream/${physicalName}`;
        case "aws:cloudtrail/trail:Trail":
            return `arn:aws:cloudtrail:${region}:${account}:trail/${physicalName}`;
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
        case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
            return `arn:aws:cloudwatch:${region}:${account}:alarm:${physicalName}`;
        case "aws:cloudwatch/dashboard:Dashboard":
            return `arn:aws:cloudwatch::${account}:dashboard/${physicalName}`;
        case "aws:apigateway/restApi:RestApi":
            return `arn:aws:apigateway:${region}::/restapis/${id}`;
        case "aws:apigatewayv2/api:Api":
            return `arn:aws:apigateway:${region}::/apis/${id}`;
        case "aws:xray/group:Group":
            return `arn:aws:xray:${region}:${account}:group/${physicalName}/${id}`;
        case "aws:xray/samplingRule:SamplingRule":
            return `arn:aws:xray:${region}:${account}:sampling-rule/${physicalName}`;
        case "aws:dynamodb/table:Table":
            return `arn:aws:dynamodb:${region}:${account}:table/${physicalName}`;
        default:
            return `arn:aws:${service}:${region}:${account}:${physicalName}`;
    }
}

export interface MockedResource {
    id: string;
    state: Record<string, unknown>;
}

export function mockOutputs(
    type: string,
    logicalName: string,
    inputs: Record<string, unknown>,
    region: string,
    account: string,
): MockedResource {
    const state: Record<string, unknown> = { ...inputs };
    if (type.startsWith("pulumi:") || !type.includes("/")) {
        // Components and the stack have no provider state.
        return { id: "", state };
    }
    const nameProperty = NAME_PROPERTIES[type] ?? "name";
    let physicalName = typeof inputs[nameProperty] === "string" ? (inputs[nameProperty] as string) : undefined;
    if (physicalName === undefined && !UNNAMED_TYPES.has(type)) {
        physicalName = autoName(logicalName);
        state[nameProperty] = physicalName;
    }
    const usesShortId =
        type === "aws:apigateway/restApi:RestApi" ||
        type === "aws:apigatewayv2/api:Api" ||
        type === "aws:apigateway/deployment:Deployment" ||
        type === "aws:kms/key:Key";
    const id = usesShortId ? shortId(logicalName) : (physicalName ?? `${logicalName}-${shortId(logicalName).slice(0, 7)}`);
    state.arn = arnFor(type, physicalName ?? id, id, region, account);
    if (type === "aws:kms/key:Key") {
        state.keyId = id;
    }
    if (type === "aws:apigateway/restApi:RestApi") {
        state.rootResourceId = shortId(`${logicalName}/root`);
        state.executionArn = `arn:aws:execute-api:${region}:${account}:${id}`;
    }
    const apiHost = (apiId: unknown): string => `https://${String(apiId)}.execute-api.${region}.amazonaws.com`;
    const executionArn = (apiId: unknown): string => `arn:aws:execute-api:${region}:${account}:${String(apiId)}`;
    if (type === "aws:apigateway/stage:Stage") {
        state.invokeUrl = `${apiHost(inputs.restApi)}/${String(inputs.stageName)}`;
        state.executionArn = `${executionArn(inputs.restApi)}/${String(inputs.stageName)}`;
    }
    if (type === "aws:apigatewayv2/api:Api") {
        state.apiEndpoint = apiHost(id);
        state.executionArn = executionArn(id);
    }
    if (type === "aws:apigatewayv2/stage:Stage") {
        state.invokeUrl = inputs.name === "$default" ? `${apiHost(inputs.apiId)}/` : `${apiHost(inputs.apiId)}/${String(inputs.name)}`;
        state.executionArn = `${executionArn(inputs.apiId)}/${String(inputs.name)}`;
    }
    if (type === "aws:lambda/function:Function") {
        state.invokeArn = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${state.arn as string}/invocations`;
        state.qualifiedArn = `${state.arn as string}:$LATEST`;
    }
    return { id, state };
}

/** Answers of the provider functions programs call for their context (account, region, partition). */
export function mockCall(token: string, inputs: Record<string, unknown>, region: string, account: string): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: account, arn: `arn:aws:iam::${account}:user/offline-preview`, userId: "AIDAOFFLINEPREVIEW", id: account };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
            return { ...inputs, json: JSON.stringify(policyDocumentFromArgs(inputs)) };
        default:
            return inputs;
    }
}

interface PolicyDocumentStatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

/** Renders `aws.iam.getPolicyDocument` arguments the way the provider does, so policies stay inspectable. */
function policyDocumentFromArgs(inputs: Record<string, unknown>): Record<string, unknown> {
    const statements = (inputs.statements as PolicyDocumentStatementArgs[] | undefined) ?? [];
    return {
        Version: "2012-10-17",
        Statement: statements.map((s) => {
            const statement: Record<string, unknown> = { Effect: s.effect ?? "Allow" };
            if (s.sid) statement.Sid = s.sid;
            if (s.actions) statement.Action = s.actions;
            if (s.notActions) statement.NotAction = s.notActions;
            if (s.resources) statement.Resource = s.resources;
            if (s.notResources) statement.NotResource = s.notResources;
            if (s.principals) {
                const principal: Record<string, string[]> = {};
                for (const p of s.principals) {
                    principal[p.type] = [...(principal[p.type] ?? []), ...p.identifiers];
                }
                statement.Principal = principal;
            }
            if (s.conditions) {
                const condition: Record<string, Record<string, string[]>> = {};
                for (const c of s.conditions) {
                    condition[c.test] = { ...(condition[c.test] ?? {}), [c.variable]: c.values };
                }
                statement.Condition = condition;
            }
            return statement;
        }),
    };
}
