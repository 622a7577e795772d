import { strict as assert } from "assert";
import { autoName } from "../../engine/mock-outputs";
import * as pulumi from "@pulumi/pulumi";
import { AuditTrail, auditTrailBucketStatements } from "../../components/audit/audit-trail";
import { lookupAwsContext } from "../../components/kms/policy";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import { Statement, conditionValue, hasSourceCondition, servicePrincipals, statementBySid } from "./estate-assertions";

const KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/test`;
const BUCKET = "observability-prod-archive";
const TRAIL_ARN = `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/observability-prod-audit`;
const GROUP_ARN = `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:/audit/prod/cloudtrail`;

describe("AuditTrail", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks("prod");
    });

    const build = () =>
        new AuditTrail("audit", { environment: "prod", kmsKeyArn: KEY_ARN, bucketName: BUCKET, retentionInDays: 2557 });

    it("records management events of every region, validated and encrypted, into the archive", async () => {
        const audit = build();
        await settle();
        const [trail] = mocks.ofType("aws:cloudtrail/trail:Trail");
        assert.equal(trail.inputs.name, "observability-prod-audit");
        assert.equal(trail.inputs.isMultiRegionTrail, true);
        assert.equal(trail.inputs.includeGlobalServiceEvents, true);
        assert.equal(trail.inputs.enableLogFileValidation, true);
        assert.equal(trail.inputs.kmsKeyId, KEY_ARN);
        assert.equal(trail.inputs.s3BucketName, BUCKET);
        assert.equal(trail.inputs.s3KeyPrefix, "cloudtrail");
        assert.deepEqual(trail.inputs.eventSelectors, [{ readWriteType: "All", includeManagementEvents: true }]);
        assert.equal(await resolve(audit.trailArn), TRAIL_ARN);
    });

    it("keeps the trail in an encrypted log group for the audit retention", async () => {
        const audit = build();
        await settle();
        const [group] = mocks.ofType("aws:cloudwatch/logGroup:LogGroup");
        assert.equal(group.inputs.name, "/audit/prod/cloudtrail");
        assert.equal(group.inputs.retentionInDays, 2557);
        assert.equal(group.inputs.kmsKeyId, KEY_ARN);
        const [trail] = mocks.ofType("aws:cloudtrail/trail:Trail");
        assert.equal(trail.inputs.cloudWatchLogsGroupArn, `${GROUP_ARN}:*`);
        assert.equal(await resolve(audit.logGroupName), "/audit/prod/cloudtrail");
    });

    it("lets only this trail assume the delivery role, which may only write to the audit group", async () => {
        build();
        await settle();
        const [role] = mocks.ofType("aws:iam/role:Role");
        const trust: Statement = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
        assert.deepEqual(servicePrincipals(trust), ["cloudtrail.amazonaws.com"]);
        assert.equal(conditionValue(trust, "StringEquals", "aws:SourceArn"), TRAIL_ARN);
        const [trail] = mocks.ofType("aws:cloudtrail/trail:Trail");
        assert.equal(trail.inputs.cloudWatchLogsRoleArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${autoName("audit-logs-role")}`);
        const [policy] = mocks.ofType("aws:iam/rolePolicy:RolePolicy");
        const [deliver]: Statement[] = JSON.parse(policy.inputs.policy).Statement;
        assert.deepEqual(deliver.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
        assert.equal(deliver.Resource, `${GROUP_ARN}:log-stream:*`);
    });

    it("describes the bucket policy statements CloudTrail needs, scoped to this trail and prefix", async () => {
        const bucketArn = pulumi.output(`arn:aws:s3:::${BUCKET}`);
        const component = new pulumi.ComponentResource("test:index:Scope", "scope");
        const statements = auditTrailBucketStatements({ environment: "prod", context: lookupAwsContext(component) })({
            arn: bucketArn,
        });
        const resolved: Statement[] = await resolve(pulumi.output(statements)) as Statement[];
        const acl = statementBySid(resolved, "CloudTrailAclCheck");
        assert.equal(acl.Action, "s3:GetBucketAcl");
        assert.equal(acl.Resource, `arn:aws:s3:::${BUCKET}`);
        const write = statementBySid(resolved, "CloudTrailWrite");
        assert.equal(write.Action, "s3:PutObject");
        assert.equal(write.Resource, `arn:aws:s3:::${BUCKET}/cloudtrail/AWSLogs/${MOCK_ACCOUNT_ID}/*`);
        assert.equal(conditionValue(write, "StringEquals", "s3:x-amz-acl"), "bucket-owner-full-control");
        for (const statement of resolved) {
            assert.deepEqual(servicePrincipals(statement), ["cloudtrail.amazonaws.com"]);
            assert.equal(conditionValue(statement, "StringEquals", "aws:SourceArn"), TRAIL_ARN);
            assert.ok(hasSourceCondition(statement));
        }
    });
});
