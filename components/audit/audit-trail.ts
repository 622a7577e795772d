import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { BucketPolicyStatements } from "../archive/log-archive";
import { AwsContext, PolicyStatement, lookupAwsContext, policyDocument, serviceTrustPolicy, trailArn } from "../kms/policy";
import { auditLogGroupName, auditTrailName, childName } from "../naming";

export interface AuditTrailArgs {
    environment: Environment;
    kmsKeyArn: pulumi.Input<string>;
    /** The archive bucket; its policy must carry `auditTrailBucketStatements`. */
    bucketName: pulumi.Input<string>;
    /** Retention of the audit log group: seven years (2557 days) by default config. */
    retentionInDays: number;
    /** Default `observability-<environment>-audit`. */
    trailName?: string;
    /** Key prefix of the trail's objects in the bucket; default `cloudtrail`. */
    keyPrefix?: string;
    /** Default: looked up from the provider. */
    context?: AwsContext;
}

export const DEFAULT_AUDIT_KEY_PREFIX = "cloudtrail";

/**
 * The account's audit trail: every management event of every region, with log file
 * validation, KMS-encrypted, delivered both to the archive bucket and to a log group kept for
 * the audit retention.
 *
 * This uses `aws.cloudtrail.Trail` rather than `awsx.cloudtrail.Trail`: the awsx component is
 * a multi-language component whose log group and CloudTrail→Logs role are created inside the
 * awsx plugin. That role's trust policy carries no `aws:SourceArn` condition and its policy
 * cannot be scoped here, and those children are invisible to the runtime mocks, so neither
 * the tests nor the offline policy preview could check the 2557-day retention or the KMS key.
 */
export class AuditTrail extends pulumi.ComponentResource {
    public readonly trailName: pulumi.Output<string>;
    public readonly trailArn: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    public readonly logGroupArn: pulumi.Output<string>;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:audit:AuditTrail", name, {}, opts);
        const context = args.context ?? lookupAwsContext(this);
        const part = (suffix: string) => childName(name, suffix);
        const child = { parent: this };
        const trailName = args.trailName ?? auditTrailName(args.environment);
        const expectedTrailArn = trailArn(context, trailName);

        const logGroup = new aws.cloudwatch.LogGroup(
            part("log-group"),
            {
                name: auditLogGroupName(args.environment),
                retentionInDays: args.retentionInDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
        const role = new aws.iam.Role(
            part("logs-role"),
            {
                description: `CloudTrail ${trailName} delivers to ${auditLogGroupName(args.environment)}`,
                assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com", {
                    StringEquals: { "aws:SourceArn": expectedTrailArn, "aws:SourceAccount": context.accountId },
                }),
            },
            child,
        );
        const rolePolicy = new aws.iam.RolePolicy(
            part("logs-policy"),
            {
                role: role.id,
                policy: policyDocument([
                    {
                        Sid: "DeliverAuditEvents",
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
                    },
                ]),
            },
            child,
        );
        const trail = new aws.cloudtrail.Trail(
            part("trail"),
            {
                name: trailName,
                s3BucketName: args.bucketName,
                s3KeyPrefix: args.keyPrefix ?? DEFAULT_AUDIT_KEY_PREFIX,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                enableLogging: true,
                kmsKeyId: args.kmsKeyArn,
                // CloudTrail wants the ARN of the group's streams, not of the group.
                cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
            },
            // CloudTrail tests delivery to the group when the trail is created.
            { parent: this, dependsOn: [rolePolicy] },
        );

        this.trailName = trail.name;
        this.trailArn = trail.arn;
        this.logGroupName = logGroup.name;
        this.logGroupArn = logGroup.arn;
        this.registerOutputs({
            trailName: this.trailName,
            trailArn: this.trailArn,
            logGroupName: this.logGroupName,
            logGroupArn: this.logGroupArn,
        });
    }
}

/**
 * What the archive bucket policy must grant CloudTrail before the trail can be created: read
 * the bucket ACL and write under `<prefix>/AWSLogs/<account>/`, only for this trail.
 */
export function auditTrailBucketStatements(args: {
    environment: Environment;
    context: AwsContext;
    trailName?: string;
    keyPrefix?: string;
}): BucketPolicyStatements {
    const sourceTrail = trailArn(args.context, args.trailName ?? auditTrailName(args.environment));
    const prefix = args.keyPrefix ?? DEFAULT_AUDIT_KEY_PREFIX;
    return (bucket): PolicyStatement[] => [
        {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucket.arn,
            Condition: { StringEquals: { "aws:SourceArn": sourceTrail } },
        },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucket.arn}/${prefix}/AWSLogs/${args.context.accountId}/*`,
            Condition: {
                StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": sourceTrail },
            },
        },
    ];
}
