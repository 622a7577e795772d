import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { callerContext, serviceTrustPolicy } from "./iam";

export const API_GATEWAY_ACCOUNT_TYPE = "observability:golden-path:ApiGatewayAccount";

/** The AWS managed policy that lets API Gateway create log groups and streams and write to them. */
export const API_GATEWAY_PUSH_TO_CLOUDWATCH_POLICY = "service-role/AmazonAPIGatewayPushToCloudWatchLogs";

export interface ApiGatewayAccountArgs {
    /** IAM role name; default a generated unique name. */
    roleName?: string;
    /**
     * Keep the role and the account setting when this program is destroyed, for when API Gateway
     * stages of other programs in the region rely on them. Default false.
     */
    retainOnDelete?: boolean;
    tags?: Record<string, string>;
}

/**
 * The API Gateway account settings of one region: the CloudWatch role every REST API stage
 * (and WebSocket stage) of the account needs before it can write access or execution logs.
 *
 * It is a per-region singleton: declare exactly one per account and region (per AWS provider)
 * across all programs, and pass it to every `ObservedRestApi` of the program. A second
 * declaration would overwrite the first one's role. If another program or team already manages
 * it, pass `aws.apigateway.Account.get(...)` to `ObservedRestApi` instead.
 *
 * Destroying it clears the region's CloudWatch role setting (the AWS provider resets it on
 * delete), which stops logging of every REST stage in the region; set `retainOnDelete` where
 * other programs' stages rely on it.
 */
export class ApiGatewayAccount extends pulumi.ComponentResource {
    /** Depend on this resource (not just the role) for stage logging to work. */
    public readonly account: aws.apigateway.Account;
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: ApiGatewayAccountArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        super(API_GATEWAY_ACCOUNT_TYPE, name, {}, opts);

        const { accountId, partition } = callerContext({ parent: this });
        const retainOnDelete = args.retainOnDelete ?? false;
        const role = new aws.iam.Role(
            childName(name, "cloudwatch-role"),
            {
                name: args.roleName,
                assumeRolePolicy: serviceTrustPolicy("apigateway.amazonaws.com", accountId),
                description: "Lets API Gateway write access and execution logs to CloudWatch Logs",
                tags: args.tags,
            },
            { parent: this, retainOnDelete },
        );
        const attachment = new aws.iam.RolePolicyAttachment(
            childName(name, "cloudwatch-policy"),
            { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${API_GATEWAY_PUSH_TO_CLOUDWATCH_POLICY}` },
            { parent: this, retainOnDelete },
        );
        // API Gateway checks the role's permissions when the setting is saved, so the policy
        // must be attached first.
        this.account = new aws.apigateway.Account(
            childName(name, "account"),
            { cloudwatchRoleArn: role.arn },
            { parent: this, dependsOn: [attachment], retainOnDelete },
        );
        this.roleArn = role.arn;

        this.registerOutputs({ roleArn: this.roleArn });
    }
}
