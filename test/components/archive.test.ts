import { strict as assert } from "assert";
import { autoName } from "../../engine/mock-outputs";
import * as pulumi from "@pulumi/pulumi";
import { ARCHIVE_ERROR_PREFIX, ARCHIVE_PREFIX, LogArchive, LogArchiveArgs } from "../../components/archive/log-archive";
import { PolicyStatement } from "../../components/kms/policy";
import { archiveBucketName } from "../../components/naming";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import {
    LifecycleRule,
    Statement,
    asList,
    conditionValue,
    grantsEverything,
    hasSourceCondition,
    policyDocumentsIn,
    servicePrincipals,
    statementBySid,
} from "./estate-assertions";

const KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/test`;
const BUCKET = `observability-dev-archive-${MOCK_ACCOUNT_ID}-${MOCK_REGION}`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const STREAM_ARN = `arn:aws:firehose:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:deliverystream/observability-dev-log-archive`;

function archiveArgs(overrides: Partial<LogArchiveArgs> = {}): LogArchiveArgs {
    return {
        environment: "dev",
        kmsKeyArn: KEY_ARN,
        glacierTransitionDays: 30,
        expirationDays: 90,
        objectLock: false,
        errorLogRetentionInDays: 7,
        ...overrides,
    };
}

describe("LogArchive", () => {
    let mocks: RecordingMocks;
    const one = (type: string) => {
        const found = mocks.ofType(type);
        assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
        return found[0];
    };
    const rolePolicy = (roleName: string): Statement[] => {
        const policy = mocks.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.inputs.role === autoName(roleName));
        assert.ok(policy, `no policy for ${roleName}`);
        return JSON.parse(policy.inputs.policy).Statement;
    };
    const trustOf = (roleName: string): Statement => {
        const role = mocks.ofType("aws:iam/role:Role").find((r) => r.name === roleName);
        assert.ok(role, `no role ${roleName}`);
        return JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
    };

    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("names the bucket after environment, account and region within S3's 63 characters", async () => {
        const archive = new LogArchive("archive", archiveArgs());
        await settle();
        assert.equal(await resolve(archive.bucketName), BUCKET);
        const bucket = one("aws:s3/bucket:Bucket");
        assert.equal(bucket.inputs.forceDestroy, false);
        assert.ok(archiveBucketName("staging", "123456789012", "ap-southeast-2").length <= 63);
    });

    it("blocks all public access, enforces bucket ownership, versions and encrypts with the key", async () => {
        new LogArchive("archive", archiveArgs());
        await settle();
        const block = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
        for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
            assert.equal(block[flag], true, flag);
        }
        assert.equal(block.bucket, BUCKET);
        assert.equal(one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule.objectOwnership, "BucketOwnerEnforced");
        assert.equal(one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status, "Enabled");
        const [rule] = one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules;
        assert.deepEqual(rule.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN });
        assert.equal(rule.bucketKeyEnabled, true);
    });

    it("moves objects to Glacier and expires them (and old versions) on the environment's schedule", async () => {
        new LogArchive(
            "archive",
            archiveArgs({
                glacierTransitionDays: 90,
                expirationDays: 365,
                retainedPrefixes: [{ id: "audit", prefix: "cloudtrail/", expirationDays: 2557 }],
            }),
        );
        await settle();
        const rules: LifecycleRule[] = one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
        assert.deepEqual(
            rules.map((rule) => [rule.id, rule.filter.prefix, rule.expiration.days]),
            [
                ["service-logs", "logs/", 365],
                ["delivery-errors", "errors/", 365],
                ["audit", "cloudtrail/", 2557],
            ],
        );
        assert.ok(ARCHIVE_PREFIX.startsWith(rules[0].filter.prefix));
        assert.ok(ARCHIVE_ERROR_PREFIX.startsWith(rules[1].filter.prefix));
        for (const rule of rules) {
            assert.equal(rule.status, "Enabled");
            assert.deepEqual(rule.transitions, [{ days: 90, storageClass: "GLACIER" }]);
            assert.equal(rule.noncurrentVersionExpiration.noncurrentDays, 30);
        }
    });

    it("locks objects in compliance mode only when asked, from bucket creation", async () => {
        new LogArchive("unlocked", archiveArgs());
        await settle();
        assert.equal(mocks.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").length, 0);
        assert.notEqual(one("aws:s3/bucket:Bucket").inputs.objectLockEnabled, true);

        mocks = await useRecordingMocks("prod");
        new LogArchive("locked", archiveArgs({ environment: "prod", objectLock: true, expirationDays: 2557 }));
        await settle();
        assert.equal(one("aws:s3/bucket:Bucket").inputs.objectLockEnabled, true);
        const lock = one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs;
        assert.deepEqual(lock.rule.defaultRetention, { mode: "COMPLIANCE", days: 2557 });
    });

    it("has one bucket policy that denies anything but TLS 1.2+ and carries the extra statements", async () => {
        const extra = (bucket: { arn: pulumi.Output<string> }): PolicyStatement[] => [
            {
                Sid: "Extra",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: bucket.arn,
                Condition: { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } },
            },
        ];
        new LogArchive("archive", archiveArgs({ additionalBucketPolicyStatements: extra }));
        await settle();
        const policy = one("aws:s3/bucketPolicy:BucketPolicy");
        assert.equal(policy.inputs.bucket, BUCKET);
        const statements: Statement[] = JSON.parse(policy.inputs.policy).Statement;
        const insecure = statementBySid(statements, "DenyInsecureTransport");
        assert.equal(insecure.Effect, "Deny");
        assert.equal(insecure.Principal, "*");
        assert.equal(insecure.Action, "s3:*");
        assert.deepEqual(insecure.Resource, [BUCKET_ARN, `${BUCKET_ARN}/*`]);
        assert.equal(conditionValue(insecure, "Bool", "aws:SecureTransport"), "false");
        assert.equal(conditionValue(statementBySid(statements, "DenyOutdatedTls"), "NumericLessThan", "s3:TlsVersion"), "1.2");
        assert.equal(statementBySid(statements, "Extra").Resource, BUCKET_ARN);
    });

    it("delivers through Firehose into date partitions, decompressing CloudWatch Logs payloads, encrypted", async () => {
        const archive = new LogArchive("archive", archiveArgs());
        await settle();
        const stream = one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").inputs;
        assert.equal(stream.destination, "extended_s3");
        assert.deepEqual(stream.serverSideEncryption, { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN });
        const s3 = stream.extendedS3Configuration;
        assert.equal(s3.bucketArn, BUCKET_ARN);
        assert.equal(s3.prefix, "logs/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/");
        assert.equal(s3.prefix, ARCHIVE_PREFIX);
        assert.equal(s3.errorOutputPrefix, ARCHIVE_ERROR_PREFIX);
        assert.ok(s3.errorOutputPrefix.startsWith("errors/!{firehose:error-output-type}/"));
        assert.equal(s3.kmsKeyArn, KEY_ARN);
        assert.equal(s3.processingConfiguration.enabled, true);
        const processors: { type: string; parameters?: { parameterName: string; parameterValue: string }[] }[] =
            s3.processingConfiguration.processors;
        assert.deepEqual(processors[0], {
            type: "Decompression",
            parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }],
        });
        assert.deepEqual(processors[1].parameters, [{ parameterName: "DataMessageExtraction", parameterValue: "true" }]);
        assert.equal(s3.cloudwatchLoggingOptions.logGroupName, "/aws/kinesisfirehose/observability-dev-log-archive");
        assert.equal(await resolve(archive.streamArn), STREAM_ARN);
        assert.equal(s3.roleArn, await resolve(archive.deliveryRoleArn));
        const errorGroup = mocks
            .ofType("aws:cloudwatch/logGroup:LogGroup")
            .find((g) => g.inputs.name === "/aws/kinesisfirehose/observability-dev-log-archive");
        assert.ok(errorGroup);
        assert.equal(errorGroup.inputs.retentionInDays, 7);
        assert.equal(errorGroup.inputs.kmsKeyId, KEY_ARN);
    });

    it("lets Firehose write only to this bucket and use the key only through S3 of this region", async () => {
        new LogArchive("archive", archiveArgs());
        await settle();
        const trust = trustOf("archive-delivery-role");
        assert.deepEqual(servicePrincipals(trust), ["firehose.amazonaws.com"]);
        assert.equal(conditionValue(trust, "StringEquals", "sts:ExternalId"), MOCK_ACCOUNT_ID);
        const statements = rolePolicy("archive-delivery-role");
        const write = statementBySid(statements, "WriteArchiveObjects");
        assert.deepEqual(write.Resource, [BUCKET_ARN, `${BUCKET_ARN}/*`]);
        assert.ok(asList(write.Action).includes("s3:PutObject"));
        assert.ok(asList(write.Action).every((action) => action.startsWith("s3:") && !action.includes("*")));
        const kms = statementBySid(statements, "EncryptArchiveObjects");
        assert.equal(kms.Resource, KEY_ARN);
        assert.equal(conditionValue(kms, "StringEquals", "kms:ViaService"), `s3.${MOCK_REGION}.amazonaws.com`);
    });

    it("lets CloudWatch Logs of this account only put records into this stream", async () => {
        const archive = new LogArchive("archive", archiveArgs());
        await settle();
        const trust = trustOf("archive-subscription-role");
        assert.deepEqual(servicePrincipals(trust), ["logs.amazonaws.com"]);
        assert.equal(conditionValue(trust, "StringLike", "aws:SourceArn"), `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:*`);
        const [put] = rolePolicy("archive-subscription-role");
        assert.deepEqual(put.Action, ["firehose:PutRecord", "firehose:PutRecordBatch"]);
        assert.equal(put.Resource, STREAM_ARN);
        assert.ok((await resolve(archive.subscriptionRoleArn)).endsWith(`role/${autoName("archive-subscription-role")}`));
    });

    it("grants nothing on everything and ties every service principal to this account", async () => {
        new LogArchive("archive", archiveArgs());
        await settle();
        const documents = policyDocumentsIn(mocks.resources);
        assert.equal(documents.length, 5, "bucket policy, two trust policies, two role policies");
        for (const document of documents) {
            for (const statement of document.statements) {
                assert.ok(!grantsEverything(statement), `${document.resource} grants * on *`);
                if (servicePrincipals(statement).length > 0) {
                    assert.ok(hasSourceCondition(statement), `${document.resource} ${document.property} lacks a source condition`);
                }
                if (document.property === "assumeRolePolicy") {
                    assert.equal(statement.Resource, undefined, "trust policies may not name a resource");
                }
            }
        }
    });
});
