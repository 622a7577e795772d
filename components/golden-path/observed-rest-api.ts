import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { Environment } from "../../config/types";
import { apiAccessLogGroupName, childName, serviceApiName } from "../naming";
import { restExecutionLogGroupName } from "../../policies/rules/cloudwatch";
import { REST_ACCESS_LOG_FORMAT } from "./access-log-format";
import { ApiGatewayAccount } from "./api-gateway-account";
import { GOLDEN_PATH_DEFAULTS, REST_EXECUTION_LOGGING_LEVELS, RestExecutionLoggingLevel } from "./defaults";
import { encryptedLogGroup } from "./log-group";
import {
    assertNoProblems,
    environmentProblems,
    logGroupNameProblems,
    oneOfProblems,
    positiveNumberProblems,
    retentionProblems,
    stageNameProblems,
} from "./validation";

export const OBSERVED_REST_API_TYPE = "observability:golden-path:ObservedRestApi";

export const REST_ENDPOINT_TYPES = ["REGIONAL", "EDGE", "PRIVATE"] as const;
export type RestEndpointType = (typeof REST_ENDPOINT_TYPES)[number];

export interface ObservedRestApiArgs {
    environment: Environment;
    /** Service the API belongs to: names the API and its access-log group by default. */
    service: string;
    /** KMS key ARN that encrypts the access- and execution-log groups (the estate's key). */
    kmsKeyArn: pulumi.Input<string>;

    /**
     * OpenAPI definition (JSON or YAML, with `x-amazon-apigateway-integration`s): the component
     * creates the REST API from it and a deployment that is replaced whenever it changes.
     * Give either this or `restApi`.
     */
    openApiSpec?: pulumi.Input<string>;
    /** Endpoint type of the REST API created from `openApiSpec`; default REGIONAL. */
    endpointType?: RestEndpointType;
    /**
     * A REST API whose resources, methods and integrations the caller declares. Give either this
     * or `openApiSpec`.
     */
    restApi?: aws.apigateway.RestApi;
    /** The caller's deployment of `restApi`; by default the component creates one. */
    deployment?: aws.apigateway.Deployment;
    /** Values whose change redeploys `restApi` (e.g. a hash of its methods and integrations). */
    redeployTriggers?: Record<string, pulumi.Input<string>>;
    /** Methods and integrations of `restApi` the created deployment must wait for. */
    deploymentDependsOn?: pulumi.Resource[];

    /** Name of the API created from `openApiSpec` and of its access-log group; default `<environment>-<service>`. */
    apiName?: string;
    /** Default the environment name. */
    stageName?: string;
    /**
     * The region's API Gateway account settings (the CloudWatch role stage logging needs): an
     * `ApiGatewayAccount`, or any resource standing for them such as `aws.apigateway.Account.get`.
     * Omitted, the component declares its own `ApiGatewayAccount`, which suits a program with one
     * REST API; with several, declare one and pass it to each, since the setting is per region
     * (and destroying it clears the setting for every stage in the region).
     */
    account?: ApiGatewayAccount | pulumi.Resource;
    /** Retention of the access- and execution-log groups; default by environment. */
    retentionInDays?: number;
    /** Execution logging of every method; default INFO in dev and staging, ERROR in prod. */
    executionLoggingLevel?: RestExecutionLoggingLevel;
    /** Full request/response logging; off by default and never allowed in prod (it logs payloads). */
    dataTraceEnabled?: boolean;
    /** Stage-wide throttling; by default the account limits apply. */
    throttlingRateLimit?: number;
    throttlingBurstLimit?: number;
    tags?: Record<string, string>;
}

/**
 * A REST API stage with X-Ray tracing, JSON access logs, execution logs and metrics, whose
 * access- and execution-log groups are declared with retention and KMS before API Gateway
 * would create them without either.
 */
export class ObservedRestApi extends pulumi.ComponentResource {
    public readonly restApiId: pulumi.Output<string>;
    /** For `aws.lambda.Permission` source ARNs: `${restApiExecutionArn}/*` + `/<method>/<path>`. */
    public readonly restApiExecutionArn: pulumi.Output<string>;
    public readonly stage: aws.apigateway.Stage;
    public readonly stageName: pulumi.Output<string>;
    public readonly invokeUrl: pulumi.Output<string>;
    public readonly accessLogGroupName: pulumi.Output<string>;
    public readonly accessLogGroupArn: pulumi.Output<string>;
    public readonly executionLogGroupName: pulumi.Output<string>;
    /** The account settings this component declared, when none was passed in. */
    public readonly account?: ApiGatewayAccount;

    constructor(name: string, args: ObservedRestApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveRestApiSettings(name, args);
        super(OBSERVED_REST_API_TYPE, name, {}, opts);

        const { restApiId, restApiExecutionArn, deployment } = this.restApiAndDeployment(name, args, settings);

        let accountDependency: pulumi.Resource;
        if (args.account === undefined) {
            this.account = new ApiGatewayAccount(childName(name, "account"), { tags: args.tags }, { parent: this });
            accountDependency = this.account.account;
        } else {
            accountDependency = args.account instanceof ApiGatewayAccount ? args.account.account : args.account;
        }

        const accessLogGroup = encryptedLogGroup(
            childName(name, "access-logs"),
            { name: settings.accessLogGroupName, retentionInDays: settings.retentionInDays, kmsKeyArn: args.kmsKeyArn, tags: args.tags },
            this,
        );
        const executionLogGroup = encryptedLogGroup(
            childName(name, "execution-logs"),
            {
                name: restApiId.apply((id) => restExecutionLogGroupName(id, settings.stageName)),
                retentionInDays: settings.retentionInDays,
                kmsKeyArn: args.kmsKeyArn,
                tags: args.tags,
            },
            this,
        );

        this.stage = new aws.apigateway.Stage(
            childName(name, "stage"),
            {
                restApi: restApiId,
                deployment: deployment.id,
                stageName: settings.stageName,
                xrayTracingEnabled: true,
                accessLogSettings: { destinationArn: accessLogGroup.arn, format: REST_ACCESS_LOG_FORMAT },
                tags: args.tags,
            },
            { parent: this, dependsOn: [accountDependency, executionLogGroup] },
        );

        new aws.apigateway.MethodSettings(
            childName(name, "method-settings"),
            {
                restApi: restApiId,
                stageName: this.stage.stageName,
                methodPath: "*/*",
                settings: {
                    loggingLevel: settings.executionLoggingLevel,
                    metricsEnabled: true,
                    dataTraceEnabled: settings.dataTraceEnabled,
                    throttlingRateLimit: args.throttlingRateLimit,
                    throttlingBurstLimit: args.throttlingBurstLimit,
                },
            },
            { parent: this, dependsOn: [accountDependency, executionLogGroup] },
        );

        this.restApiId = restApiId;
        this.restApiExecutionArn = restApiExecutionArn;
        this.stageName = this.stage.stageName;
        this.invokeUrl = this.stage.invokeUrl;
        this.accessLogGroupName = accessLogGroup.name;
        this.accessLogGroupArn = accessLogGroup.arn;
        this.executionLogGroupName = executionLogGroup.name;

        this.registerOutputs({
            restApiId: this.restApiId,
            restApiExecutionArn: this.restApiExecutionArn,
            stageName: this.stageName,
            invokeUrl: this.invokeUrl,
            accessLogGroupName: this.accessLogGroupName,
            accessLogGroupArn: this.accessLogGroupArn,
            executionLogGroupName: this.executionLogGroupName,
        });
    }

    private restApiAndDeployment(
        name: string,
        args: ObservedRestApiArgs,
        settings: RestApiSettings,
    ): { restApiId: pulumi.Output<string>; restApiExecutionArn: pulumi.Output<string>; deployment: aws.apigateway.Deployment } {
        if (args.restApi !== undefined) {
            const deployment =
                args.deployment ??
                new aws.apigateway.Deployment(
                    childName(name, "deployment"),
                    { restApi: args.restApi.id, triggers: args.redeployTriggers },
                    { parent: this, dependsOn: args.deploymentDependsOn },
                );
            return { restApiId: args.restApi.id, restApiExecutionArn: args.restApi.executionArn, deployment };
        }
        const spec = pulumi.output(args.openApiSpec ?? "");
        const restApi = new aws.apigateway.RestApi(
            childName(name, "api"),
            {
                name: settings.apiName,
                body: spec,
                endpointConfiguration: { types: settings.endpointType },
                tags: args.tags,
            },
            { parent: this },
        );
        const deployment = new aws.apigateway.Deployment(
            childName(name, "deployment"),
            {
                restApi: restApi.id,
                // The definition lives in the RestApi, so nothing else tells the deployment to move on.
                triggers: { openApiSpecSha256: spec.apply((body) => createHash("sha256").update(body).digest("hex")) },
            },
            { parent: this },
        );
        return { restApiId: restApi.id, restApiExecutionArn: restApi.executionArn, deployment };
    }
}

interface RestApiSettings {
    apiName: string;
    stageName: string;
    endpointType: RestEndpointType;
    accessLogGroupName: string;
    retentionInDays: number;
    executionLoggingLevel: RestExecutionLoggingLevel;
    dataTraceEnabled: boolean;
}

function resolveRestApiSettings(name: string, args: ObservedRestApiArgs): RestApiSettings {
    assertNoProblems(OBSERVED_REST_API_TYPE, name, environmentProblems("environment", args.environment));
    const defaults = GOLDEN_PATH_DEFAULTS[args.environment];
    const apiName = args.apiName ?? serviceApiName(args.environment, args.service);
    const stageName = args.stageName ?? args.environment;
    const settings: RestApiSettings = {
        apiName,
        stageName,
        endpointType: args.endpointType ?? "REGIONAL",
        accessLogGroupName: apiAccessLogGroupName(apiName, stageName),
        retentionInDays: args.retentionInDays ?? defaults.apiRetentionInDays,
        executionLoggingLevel: args.executionLoggingLevel ?? defaults.restExecutionLoggingLevel,
        dataTraceEnabled: args.dataTraceEnabled ?? false,
    };

    const problems: string[] = [];
    if ((args.openApiSpec === undefined) === (args.restApi === undefined)) {
        problems.push(
            `openApiSpec is ${args.openApiSpec === undefined ? "missing" : "given"} and restApi is ${args.restApi === undefined ? "missing" : "given"}; give exactly one of them`,
        );
    }
    if (args.restApi === undefined && (args.deployment !== undefined || args.redeployTriggers !== undefined || args.deploymentDependsOn !== undefined)) {
        problems.push("deployment, redeployTriggers and deploymentDependsOn apply only with restApi; with openApiSpec the component redeploys on every change of the definition");
    }
    if (args.restApi !== undefined && args.endpointType !== undefined) {
        problems.push(`endpointType is "${args.endpointType}" but restApi is given; set the endpoint type on that REST API instead`);
    }
    problems.push(
        ...stageNameProblems("stageName", stageName, false),
        ...oneOfProblems("endpointType", settings.endpointType, REST_ENDPOINT_TYPES),
        ...logGroupNameProblems("access-log group name (from apiName and stageName)", settings.accessLogGroupName),
        ...retentionProblems("retentionInDays", settings.retentionInDays, args.environment),
        ...oneOfProblems("executionLoggingLevel", settings.executionLoggingLevel, REST_EXECUTION_LOGGING_LEVELS),
    );
    if (args.environment === "prod" && settings.dataTraceEnabled) {
        problems.push("dataTraceEnabled is true in prod; it logs full request and response bodies, so only false is allowed in prod");
    }
    if (args.throttlingRateLimit !== undefined) {
        problems.push(...positiveNumberProblems("throttlingRateLimit", args.throttlingRateLimit));
    }
    if (args.throttlingBurstLimit !== undefined) {
        problems.push(...positiveNumberProblems("throttlingBurstLimit", args.throttlingBurstLimit));
    }
    assertNoProblems(OBSERVED_REST_API_TYPE, name, problems);
    return settings;
}
