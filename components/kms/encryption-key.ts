import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { childName, encryptionKeyAlias } from "../naming";
import { AwsContext, PolicyStatement, accountRootArn, lookupAwsContext, policyDocument } from "./policy";

export interface EncryptionKeyArgs {
    environment: Environment;
    /** Adopt this key instead of creating one; its policy must grant what `policy` describes. */
    existingKeyArn?: pulumi.Input<string>;
    /** Grant CloudTrail the use of the key for this trail (set when the audit trail encrypts with it). */
    cloudTrailArn?: pulumi.Input<string>;
    /** Waiting period before a scheduled deletion; the longest AWS allows by default. */
    deletionWindowInDays?: number;
    /** Default `alias/observability-<environment>`. */
    aliasName?: string;
    /** Default: looked up from the provider. */
    context?: AwsContext;
}

const DEFAULT_DELETION_WINDOW_DAYS = 30;

/**
 * The estate's customer-managed KMS key. Its policy lets the account administer it and lets
 * exactly the services that encrypt estate data use it, each pinned to this account.
 */
export class EncryptionKey extends pulumi.ComponentResource {
    public readonly keyArn: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    /** The key policy: applied to a created key; the grants an adopted key must carry. */
    public readonly policy: pulumi.Output<string>;
    /** Undefined when an existing key is adopted. */
    public readonly aliasName?: pulumi.Output<string>;

    constructor(name: string, args: EncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:kms:EncryptionKey", name, {}, opts);
        const context = args.context ?? lookupAwsContext(this);
        this.policy = policyDocument(encryptionKeyPolicyStatements(context, args.cloudTrailArn));

        if (args.existingKeyArn !== undefined) {
            this.keyArn = pulumi.output(args.existingKeyArn);
            // Key ARNs end in `key/<key id>`; aliases are not accepted as an existing key.
            this.keyId = this.keyArn.apply((arn) => arn.slice(arn.lastIndexOf("/") + 1));
        } else {
            const key = new aws.kms.Key(
                childName(name, "key"),
                {
                    description: `Observability estate (${args.environment}): logs, archive, alerts, traces, audit trail`,
                    enableKeyRotation: true,
                    deletionWindowInDays: args.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS,
                    policy: this.policy,
                },
                { parent: this },
            );
            const alias = new aws.kms.Alias(
                childName(name, "alias"),
                { name: args.aliasName ?? encryptionKeyAlias(args.environment), targetKeyId: key.keyId },
                { parent: this },
            );
            this.keyArn = key.arn;
            this.keyId = key.keyId;
            this.aliasName = alias.name;
        }

        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, policy: this.policy, aliasName: this.aliasName });
    }
}

/** The key policy statements. In a key policy `Resource: "*"` means "this key". */
export function encryptionKeyPolicyStatements(
    context: AwsContext,
    cloudTrailArn?: pulumi.Input<string>,
): pulumi.Input<PolicyStatement>[] {
    const sourceAccount = { StringEquals: { "aws:SourceAccount": context.accountId } };
    const statements: pulumi.Input<PolicyStatement>[] = [
        {
            // Without this statement the key could become unmanageable (AWS's lockout check).
            Sid: "AccountAdministration",
            Effect: "Allow",
            Principal: { AWS: accountRootArn(context) },
            Action: "kms:*",
            Resource: "*",
        },
        {
            Sid: "CloudWatchLogsEncryptLogGroups",
            Effect: "Allow",
            Principal: { Service: pulumi.interpolate`logs.${context.region}.${context.dnsSuffix}` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
                ArnLike: {
                    "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:*`,
                },
            },
        },
        {
            // CloudWatch alarms publish to KMS-encrypted SNS topics; SNS decrypts to deliver.
            Sid: "AlertTopicsEncryption",
            Effect: "Allow",
            Principal: { Service: ["sns.amazonaws.com", "cloudwatch.amazonaws.com"] },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
            Condition: sourceAccount,
        },
        {
            Sid: "FirehoseArchiveEncryption",
            Effect: "Allow",
            Principal: { Service: "firehose.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: sourceAccount,
        },
        {
            Sid: "XRayTraceEncryption",
            Effect: "Allow",
            Principal: { Service: "xray.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: sourceAccount,
        },
    ];
    if (cloudTrailArn !== undefined) {
        statements.push(
            {
                Sid: "CloudTrailEncryptLogs",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:SourceArn": cloudTrailArn },
                    StringLike: {
                        "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${context.partition}:cloudtrail:*:${context.accountId}:trail/*`,
                    },
                },
            },
            {
                Sid: "CloudTrailDescribeKey",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "kms:DescribeKey",
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceArn": cloudTrailArn } },
            },
        );
    }
    return statements;
}
