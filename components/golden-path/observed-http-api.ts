import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { apiAccessLogGroupName, childName, serviceApiName } from "../naming";
import { HTTP_ACCESS_LOG_FORMAT } from "./access-log-format";
import { DEFAULT_HTTP_THROTTLING, GOLDEN_PATH_DEFAULTS } from "./defaults";
import { encryptedLogGroup } from "./log-group";
import {
    assertNoProblems,
    environmentProblems,
    logGroupNameProblems,
    positiveNumberProblems,
    retentionProblems,
    stageNameProblems,
} from "./validation";

export const OBSERVED_HTTP_API_TYPE = "observability:golden-path:ObservedHttpApi";

export interface ObservedHttpApiArgs {
    environment: Environment;
    /** Service the API belongs to: names the access-log group by default. */
    service: string;
    /** KMS key ARN that encrypts the access-log group (the estate's key). */
    kmsKeyArn: pulumi.Input<string>;
    /** The HTTP API (protocol `HTTP`); its routes and integrations are the caller's. */
    api: aws.apigatewayv2.Api;
    /** Names the access-log group; default `<environment>-<service>`. */
    apiName?: string;
    /** Default the environment name; `$default` serves the API at its root. */
    stageName?: string;
    /** Deploy every change of routes and integrations automatically; default true. */
    autoDeploy?: boolean;
    /** The caller's deployment, when `autoDeploy` is false. */
    deploymentId?: pulumi.Input<string>;
    /** Retention of the access-log group; default by environment. */
    retentionInDays?: number;
    /** Steady-state requests per second of the stage; default 1000. */
    throttlingRateLimit?: number;
    /** Burst of the stage; default 500. */
    throttlingBurstLimit?: number;
    tags?: Record<string, string>;
}

/**
 * An HTTP API (API Gateway v2) stage with JSON access logs to a log group declared with retention
 * and KMS, and detailed per-route metrics. X-Ray tracing does not exist for HTTP APIs, so there is
 * nothing to switch on; Lambda integrations still start their own traces. HTTP APIs write access
 * logs through their service-linked role, so no `ApiGatewayAccount` is needed.
 */
export class ObservedHttpApi extends pulumi.ComponentResource {
    public readonly stage: aws.apigatewayv2.Stage;
    public readonly stageName: pulumi.Output<string>;
    public readonly invokeUrl: pulumi.Output<string>;
    public readonly accessLogGroupName: pulumi.Output<string>;
    public readonly accessLogGroupArn: pulumi.Output<string>;

    constructor(name: string, args: ObservedHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveHttpApiSettings(name, args);
        super(OBSERVED_HTTP_API_TYPE, name, {}, opts);

        const accessLogGroup = encryptedLogGroup(
            childName(name, "access-logs"),
            { name: settings.accessLogGroupName, retentionInDays: settings.retentionInDays, kmsKeyArn: args.kmsKeyArn, tags: args.tags },
            this,
        );

        this.stage = new aws.apigatewayv2.Stage(
            childName(name, "stage"),
            {
                apiId: args.api.id,
                name: settings.stageName,
                autoDeploy: settings.autoDeploy,
                deploymentId: args.deploymentId,
                accessLogSettings: { destinationArn: accessLogGroup.arn, format: HTTP_ACCESS_LOG_FORMAT },
                defaultRouteSettings: {
                    detailedMetricsEnabled: true,
                    throttlingRateLimit: settings.throttlingRateLimit,
                    throttlingBurstLimit: settings.throttlingBurstLimit,
                },
                tags: args.tags,
            },
            { parent: this },
        );

        this.stageName = this.stage.name;
        this.invokeUrl = this.stage.invokeUrl;
        this.accessLogGroupName = accessLogGroup.name;
        this.accessLogGroupArn = accessLogGroup.arn;

        this.registerOutputs({
            stageName: this.stageName,
            invokeUrl: this.invokeUrl,
            accessLogGroupName: this.accessLogGroupName,
            accessLogGroupArn: this.accessLogGroupArn,
        });
    }
}

interface HttpApiSettings {
    stageName: string;
    autoDeploy: boolean;
    accessLogGroupName: string;
    retentionInDays: number;
    throttlingRateLimit: number;
    throttlingBurstLimit: number;
}

function resolveHttpApiSettings(name: string, args: ObservedHttpApiArgs): HttpApiSettings {
    assertNoProblems(OBSERVED_HTTP_API_TYPE, name, environmentProblems("environment", args.environment));
    const apiName = args.apiName ?? serviceApiName(args.environment, args.service);
    const stageName = args.stageName ?? args.environment;
    const settings: HttpApiSettings = {
        stageName,
        autoDeploy: args.autoDeploy ?? true,
        accessLogGroupName: apiAccessLogGroupName(apiName, stageName),
        retentionInDays: args.retentionInDays ?? GOLDEN_PATH_DEFAULTS[args.environment].apiRetentionInDays,
        throttlingRateLimit: args.throttlingRateLimit ?? DEFAULT_HTTP_THROTTLING.rateLimit,
        throttlingBurstLimit: args.throttlingBurstLimit ?? DEFAULT_HTTP_THROTTLING.burstLimit,
    };
    const problems = [
        ...stageNameProblems("stageName", stageName, true),
        ...logGroupNameProblems("access-log group name (from apiName and stageName)", settings.accessLogGroupName),
        ...retentionProblems("retentionInDays", settings.retentionInDays, args.environment),
        ...positiveNumberProblems("throttlingRateLimit", settings.throttlingRateLimit),
        ...positiveNumberProblems("throttlingBurstLimit", settings.throttlingBurstLimit),
    ];
    if (settings.autoDeploy && args.deploymentId !== undefined) {
        problems.push("deploymentId is given while autoDeploy is true; API Gateway manages deployments of auto-deployed stages, so set autoDeploy: false to pin one");
    }
    assertNoProblems(OBSERVED_HTTP_API_TYPE, name, problems);
    return settings;
}
