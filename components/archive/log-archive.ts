import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { AwsContext, PolicyStatement, lookupAwsContext, policyDocument, serviceTrustPolicy } from "../kms/policy";
import { archiveBucketName, archiveStreamName, childName, firehoseErrorLogGroupName } from "../naming";

/** Statements other parts of the estate need in the archive's (single) bucket policy. */
export type BucketPolicyStatements = (bucket: { arn: pulumi.Output<string> }) => pulumi.Input<PolicyStatement>[];

export interface FirehoseBuffering {
    /** 1..128 MiB. */
    sizeMb: number;
    /** 0..900 seconds. */
    intervalSeconds: number;
}

/** Objects under `prefix` kept for their own period instead of the archive's expiration. */
export interface RetainedPrefix {
    /** Lifecycle rule id. */
    id: string;
    /** Key prefix ending in "/". */
    prefix: string;
    expirationDays: number;
}

export interface LogArchiveArgs {
    environment: Environment;
    kmsKeyArn: pulumi.Input<string>;
    glacierTransitionDays: number;
    expirationDays: number;
    /** S3 Object Lock in compliance mode; can only be switched on when the bucket is created. */
    objectLock: boolean;
    /** Compliance retention of locked objects; default `expirationDays`. */
    objectLockRetentionDays?: number;
    /** Retention of Firehose's delivery-error log group. */
    errorLogRetentionInDays: number;
    /** Default `observability-<environment>-archive-<account>-<region>`. */
    bucketName?: pulumi.Input<string>;
    /** Default `observability-<environment>-log-archive`. */
    streamName?: string;
    /** Default 64 MiB / 300 s: few, large objects are cheaper to store and to query. */
    buffering?: FirehoseBuffering;
    /** Days before superseded object versions are removed; default 30. */
    noncurrentVersionExpirationDays?: number;
    additionalBucketPolicyStatements?: BucketPolicyStatements;
    /** Other writers' prefixes with their own retention (the audit trail keeps seven years). */
    retainedPrefixes?: readonly RetainedPrefix[];
    /** Default: looked up from the provider. */
    context?: AwsContext;
}

/** Date-partitioned keys (Hive style) so that Athena can prune by time. */
const SERVICE_LOGS_FOLDER = "logs/";
const DELIVERY_ERRORS_FOLDER = "errors/";
export const ARCHIVE_PREFIX = `${SERVICE_LOGS_FOLDER}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
export const ARCHIVE_ERROR_PREFIX = `${DELIVERY_ERRORS_FOLDER}!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`;

const DEFAULT_BUFFERING: FirehoseBuffering = { sizeMb: 64, intervalSeconds: 300 };
const DEFAULT_NONCURRENT_EXPIRATION_DAYS = 30;
const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;
const MINIMUM_TLS_VERSION = "1.2";
const ERROR_LOG_STREAM = "DestinationDelivery";

/**
 * The long-term log archive: a locked-down, KMS-encrypted S3 bucket with a lifecycle by
 * environment, and the Firehose stream (with its IAM roles) that CloudWatch Logs
 * subscriptions feed into it.
 */
export class LogArchive extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly streamName: pulumi.Output<string>;
    public readonly streamArn: pulumi.Output<string>;
    /** Role CloudWatch Logs subscription filters use to put records into the stream. */
    public readonly subscriptionRoleArn: pulumi.Output<string>;
    /** Role Firehose uses to write into the bucket. */
    public readonly deliveryRoleArn: pulumi.Output<string>;

    constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:archive:LogArchive", name, {}, opts);
        const context = args.context ?? lookupAwsContext(this);
        const part = (suffix: string) => childName(name, suffix);
        const child = { parent: this };

        const bucket = new aws.s3.Bucket(
            part("bucket"),
            {
                bucket:
                    args.bucketName ??
                    pulumi
                        .all([context.accountId, context.region])
                        .apply(([accountId, region]) => archiveBucketName(args.environment, accountId, region)),
                forceDestroy: false,
                objectLockEnabled: args.objectLock,
            },
            child,
        );
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            part("public-access"),
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
        // ACLs off: every object belongs to the account, whoever wrote it (Firehose, CloudTrail).
        new aws.s3.BucketOwnershipControls(
            part("ownership"),
            { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
            child,
        );
        const versioning = new aws.s3.BucketVersioning(
            part("versioning"),
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            child,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            part("encryption"),
            {
                bucket: bucket.id,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
                        // One data key per bucket instead of per object: far fewer KMS requests.
                        bucketKeyEnabled: true,
                    },
                ],
            },
            child,
        );
        // One rule per prefix: where rules overlap S3 applies the shortest expiration.
        const expiringPrefixes: RetainedPrefix[] = [
            { id: "service-logs", prefix: SERVICE_LOGS_FOLDER, expirationDays: args.expirationDays },
            { id: "delivery-errors", prefix: DELIVERY_ERRORS_FOLDER, expirationDays: args.expirationDays },
            ...(args.retainedPrefixes ?? []),
        ];
        new aws.s3.BucketLifecycleConfiguration(
            part("lifecycle"),
            {
                bucket: bucket.id,
                rules: expiringPrefixes.map((rule) => ({
                    id: rule.id,
                    status: "Enabled",
                    filter: { prefix: rule.prefix },
                    transitions: [{ days: args.glacierTransitionDays, storageClass: "GLACIER" }],
                    expiration: { days: rule.expirationDays },
                    noncurrentVersionExpiration: {
                        noncurrentDays: args.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_EXPIRATION_DAYS,
                    },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS },
                })),
            },
            { parent: this, dependsOn: [versioning] },
        );
        if (args.objectLock) {
            new aws.s3.BucketObjectLockConfiguration(
                part("object-lock"),
                {
                    bucket: bucket.id,
                    rule: {
                        defaultRetention: {
                            mode: "COMPLIANCE",
                            days: args.objectLockRetentionDays ?? args.expirationDays,
                        },
                    },
                },
                { parent: this, dependsOn: [versioning] },
            );
        }
        const bucketPolicy = new aws.s3.BucketPolicy(
            part("policy"),
            {
                bucket: bucket.id,
                policy: policyDocument([
                    ...transportSecurityStatements(bucket.arn),
                    ...(args.additionalBucketPolicyStatements?.({ arn: bucket.arn }) ?? []),
                ]),
            },
            { parent: this, dependsOn: [publicAccessBlock] },
        );

        const streamName = args.streamName ?? archiveStreamName(args.environment);
        const errorLogGroup = new aws.cloudwatch.LogGroup(
            part("delivery-errors"),
            {
                name: firehoseErrorLogGroupName(streamName),
                retentionInDays: args.errorLogRetentionInDays,
                kmsKeyId: args.kmsKeyArn,
            },
            child,
        );
        const errorLogStream = new aws.cloudwatch.LogStream(
            part("delivery-errors-stream"),
            { name: ERROR_LOG_STREAM, logGroupName: errorLogGroup.name },
            child,
        );

        const deliveryRole = new aws.iam.Role(
            part("delivery-role"),
            {
                description: `Firehose ${streamName} writes into the log archive bucket`,
                // Firehose passes the account id as external id: no other account's stream can use this role.
                assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", {
                    StringEquals: { "sts:ExternalId": context.accountId },
                }),
            },
            child,
        );
        const deliveryPolicy = new aws.iam.RolePolicy(
            part("delivery-policy"),
            {
                role: deliveryRole.id,
                policy: policyDocument(
                    deliveryStatements({
                        bucketArn: bucket.arn,
                        kmsKeyArn: args.kmsKeyArn,
                        errorLogGroupArn: errorLogGroup.arn,
                        context,
                    }),
                ),
            },
            child,
        );

        const buffering = args.buffering ?? DEFAULT_BUFFERING;
        const stream = new aws.kinesis.FirehoseDeliveryStream(
            part("stream"),
            {
                name: streamName,
                destination: "extended_s3",
                serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: args.kmsKeyArn },
                extendedS3Configuration: {
                    bucketArn: bucket.arn,
                    roleArn: deliveryRole.arn,
                    prefix: ARCHIVE_PREFIX,
                    errorOutputPrefix: ARCHIVE_ERROR_PREFIX,
                    bufferingSize: buffering.sizeMb,
                    bufferingInterval: buffering.intervalSeconds,
                    compressionFormat: "GZIP",
                    fileExtension: ".json.gz",
                    kmsKeyArn: args.kmsKeyArn,
                    processingConfiguration: {
                        enabled: true,
                        processors: [
                            {
                                type: "Decompression",
                                parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }],
                            },
                            {
                                // Keep only the log lines themselves, not the subscription envelope.
                                type: "CloudWatchLogProcessing",
                                parameters: [{ parameterName: "DataMessageExtraction", parameterValue: "true" }],
                            },
                            // One JSON entry per line, which Athena and jq read directly.
                            { type: "AppendDelimiterToRecord" },
                        ],
                    },
                    cloudwatchLoggingOptions: {
                        enabled: true,
                        logGroupName: errorLogGroup.name,
                        logStreamName: errorLogStream.name,
                    },
                },
            },
            // Firehose checks its access to the bucket when the stream is created.
            { parent: this, dependsOn: [deliveryPolicy, bucketPolicy] },
        );

        const subscriptionRole = new aws.iam.Role(
            part("subscription-role"),
            {
                description: `CloudWatch Logs subscriptions put records into Firehose ${streamName}`,
                assumeRolePolicy: serviceTrustPolicy("logs.amazonaws.com", {
                    StringLike: {
                        "aws:SourceArn": pulumi.interpolate`arn:${context.partition}:logs:${context.region}:${context.accountId}:*`,
                    },
                }),
            },
            child,
        );
        const subscriptionPolicy = new aws.iam.RolePolicy(
            part("subscription-policy"),
            {
                role: subscriptionRole.id,
                policy: policyDocument([
                    {
                        Sid: "PutIntoArchiveStream",
                        Effect: "Allow",
                        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                        Resource: stream.arn,
                    },
                ]),
            },
            child,
        );

        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.streamName = stream.name;
        this.streamArn = stream.arn;
        // Subscriptions test the role when they are created, so hand the ARN out only once it may act.
        this.subscriptionRoleArn = pulumi.all([subscriptionRole.arn, subscriptionPolicy.id]).apply(([arn]) => arn);
        this.deliveryRoleArn = deliveryRole.arn;
        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            streamName: this.streamName,
            streamArn: this.streamArn,
            subscriptionRoleArn: this.subscriptionRoleArn,
            deliveryRoleArn: this.deliveryRoleArn,
        });
    }
}

/** Deny every request that is not HTTPS with TLS 1.2 or later, whoever makes it. */
function transportSecurityStatements(bucketArn: pulumi.Output<string>): PolicyStatement[] {
    const everything = [bucketArn, pulumi.interpolate`${bucketArn}/*`];
    return [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: everything,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "DenyOutdatedTls",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: everything,
            Condition: { NumericLessThan: { "s3:TlsVersion": MINIMUM_TLS_VERSION } },
        },
    ];
}

function deliveryStatements(target: {
    bucketArn: pulumi.Output<string>;
    kmsKeyArn: pulumi.Input<string>;
    errorLogGroupArn: pulumi.Output<string>;
    context: AwsContext;
}): PolicyStatement[] {
    const { bucketArn, context } = target;
    return [
        {
            Sid: "WriteArchiveObjects",
            Effect: "Allow",
            Action: [
                "s3:AbortMultipartUpload",
                "s3:GetBucketLocation",
                "s3:GetObject",
                "s3:ListBucket",
                "s3:ListBucketMultipartUploads",
                "s3:PutObject",
            ],
            Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        },
        {
            Sid: "EncryptArchiveObjects",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: target.kmsKeyArn,
            Condition: {
                StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${context.region}.${context.dnsSuffix}` },
                // With an S3 Bucket Key the encryption context is the bucket, otherwise the object.
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, pulumi.interpolate`${bucketArn}/*`] },
            },
        },
        {
            Sid: "ReportDeliveryErrors",
            Effect: "Allow",
            Action: "logs:PutLogEvents",
            Resource: pulumi.interpolate`${target.errorLogGroupArn}:log-stream:*`,
        },
    ];
}
