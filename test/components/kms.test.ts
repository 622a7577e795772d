import { strict as assert } from "assert";
import { EncryptionKey } from "../../components/kms/encryption-key";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import { Statement, asList, conditionValue, hasSourceCondition, servicePrincipals, statementBySid } from "./estate-assertions";

const TRAIL_ARN = `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/observability-dev-audit`;

async function keyPolicy(key: EncryptionKey): Promise<Statement[]> {
    return JSON.parse(await resolve(key.policy)).Statement;
}

describe("EncryptionKey", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("creates a rotating key with the environment alias and a long deletion window", async () => {
        const key = new EncryptionKey("key", { environment: "staging" });
        await settle();
        const [created] = mocks.ofType("aws:kms/key:Key");
        assert.equal(created.inputs.enableKeyRotation, true);
        assert.equal(created.inputs.deletionWindowInDays, 30);
        const [alias] = mocks.ofType("aws:kms/alias:Alias");
        assert.equal(alias.inputs.name, "alias/observability-staging");
        assert.equal(alias.inputs.targetKeyId, await resolve(key.keyId));
        assert.match(await resolve(key.keyArn), /^arn:aws:kms:/);
        assert.deepEqual(JSON.parse(created.inputs.policy), JSON.parse(await resolve(key.policy)));
    });

    it("lets CloudWatch Logs of this region use the key only for this account's log groups", async () => {
        const statements = await keyPolicy(new EncryptionKey("key", { environment: "dev" }));
        const logs = statementBySid(statements, "CloudWatchLogsEncryptLogGroups");
        assert.deepEqual(servicePrincipals(logs), [`logs.${MOCK_REGION}.amazonaws.com`]);
        assert.deepEqual(asList(logs.Action).sort(), [
            "kms:Decrypt*",
            "kms:Describe*",
            "kms:Encrypt*",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*",
        ]);
        assert.equal(
            conditionValue(logs, "ArnLike", "kms:EncryptionContext:aws:logs:arn"),
            `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:*`,
        );
    });

    it("grants nobody but the account root and the estate's services, each pinned to the account", async () => {
        const statements = await keyPolicy(new EncryptionKey("key", { environment: "prod", cloudTrailArn: TRAIL_ARN }));
        for (const statement of statements) {
            assert.notEqual(statement.Principal, "*", `${statement.Sid} names principal *`);
            assert.equal(statement.Effect, "Allow");
        }
        const awsPrincipals = statements.flatMap((s) => (typeof s.Principal === "object" ? asList(s.Principal.AWS) : []));
        assert.deepEqual(awsPrincipals, [`arn:aws:iam::${MOCK_ACCOUNT_ID}:root`]);
        const services = new Set(statements.flatMap(servicePrincipals));
        assert.deepEqual([...services].sort(), [
            "cloudtrail.amazonaws.com",
            "cloudwatch.amazonaws.com",
            "firehose.amazonaws.com",
            `logs.${MOCK_REGION}.amazonaws.com`,
            "sns.amazonaws.com",
            "xray.amazonaws.com",
        ]);
        for (const statement of statements.filter((s) => servicePrincipals(s).length > 0)) {
            assert.ok(hasSourceCondition(statement), `${statement.Sid} has no source condition`);
        }
        const alarms = statementBySid(statements, "AlertTopicsEncryption");
        assert.equal(conditionValue(alarms, "StringEquals", "aws:SourceAccount"), MOCK_ACCOUNT_ID);
        assert.deepEqual(asList(alarms.Action), ["kms:GenerateDataKey*", "kms:Decrypt"]);
    });

    it("grants CloudTrail only for the named trail, and only when there is one", async () => {
        const withTrail = await keyPolicy(new EncryptionKey("with", { environment: "dev", cloudTrailArn: TRAIL_ARN }));
        const cloudTrail = statementBySid(withTrail, "CloudTrailEncryptLogs");
        assert.equal(conditionValue(cloudTrail, "StringEquals", "aws:SourceArn"), TRAIL_ARN);
        assert.equal(
            conditionValue(cloudTrail, "StringLike", "kms:EncryptionContext:aws:cloudtrail:arn"),
            `arn:aws:cloudtrail:*:${MOCK_ACCOUNT_ID}:trail/*`,
        );
        const withoutTrail = await keyPolicy(new EncryptionKey("without", { environment: "dev" }));
        assert.ok(!withoutTrail.flatMap(servicePrincipals).includes("cloudtrail.amazonaws.com"));
    });

    it("adopts an existing key without creating one", async () => {
        const existing = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const key = new EncryptionKey("key", { environment: "prod", existingKeyArn: existing });
        await settle();
        assert.equal(mocks.ofType("aws:kms/key:Key").length, 0);
        assert.equal(mocks.ofType("aws:kms/alias:Alias").length, 0);
        assert.equal(await resolve(key.keyArn), existing);
        assert.equal(await resolve(key.keyId), "1234abcd-12ab-34cd-56ef-1234567890ab");
        assert.equal(key.aliasName, undefined);
    });
});
