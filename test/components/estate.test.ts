import { strict as assert } from "assert";
import { ObservabilityEstate } from "../../components/estate";
import { LOG_METRIC_NAMES } from "../../components/naming";
import { SAVED_QUERIES } from "../../components/queries/saved-queries";
import { Environment } from "../../config/types";
import { LOGS_INSIGHTS_QUERY_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { estateConfigFor } from "../support/estate-fixtures";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordingMocks, registeredUrns, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import {
    LifecycleRule,
    Statement,
    conditionValue,
    filterPatternSelectors,
    grantsEverything,
    hasSourceCondition,
    insightsFieldReferences,
    isLogSchemaPath,
    policyDocumentsIn,
    servicePrincipals,
    statementBySid,
} from "./estate-assertions";

const SERVICES = ["order", "user", "catalog", "payment", "search", "notifications"];

const EXPECTED: Record<Environment, { retention: number; glacier: number; expiry: number; objectLock: boolean }> = {
    dev: { retention: 7, glacier: 30, expiry: 90, objectLock: false },
    staging: { retention: 30, glacier: 30, expiry: 365, objectLock: false },
    prod: { retention: 365, glacier: 90, expiry: 2557, objectLock: true },
};

const COMPONENT_TYPES = [
    "observability:index:ObservabilityEstate",
    "observability:kms:EncryptionKey",
    "observability:archive:LogArchive",
    "observability:logs:ServiceLogGroups",
    "observability:audit:AuditTrail",
    "observability:queries:QueryLibrary",
    "observability:alerting:AlertRouting",
    "observability:tracing:Tracing",
    "observability:alarms:ServiceAlarms",
    "observability:alarms:AccountAlarms",
    "observability:dashboards:Dashboards",
];

/** Component types declared once per service rather than once per stack. */
const PER_SERVICE_COMPONENT_TYPES = new Set(["observability:alarms:ServiceAlarms"]);

for (const environment of ["dev", "staging", "prod"] as const) {
    describe(`ObservabilityEstate (${environment})`, () => {
        const expected = EXPECTED[environment];
        let mocks: RecordingMocks;
        let estate: ObservabilityEstate;
        const one = (type: string) => {
            const found = mocks.ofType(type);
            assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
            return found[0];
        };
        const serviceGroupNames = SERVICES.map((service) => `/app/${environment}/${service}`);

        before(async () => {
            mocks = await useRecordingMocks(environment);
            estate = new ObservabilityEstate("observability", estateConfigFor(environment));
            await settle();
        });

        it("declares an encrypted log group per service with the environment's retention", async () => {
            const groups = mocks.ofType("aws:cloudwatch/logGroup:LogGroup");
            for (const name of serviceGroupNames) {
                const group = groups.find((g) => g.inputs.name === name);
                assert.ok(group, `no log group ${name}`);
                assert.equal(group.inputs.retentionInDays, expected.retention, name);
            }
            const audit = groups.find((g) => g.inputs.name === `/audit/${environment}/cloudtrail`);
            assert.ok(audit);
            assert.equal(audit.inputs.retentionInDays, 2557);
            const keyArn = await resolve(estate.kmsKeyArn);
            for (const group of groups) {
                assert.equal(group.inputs.kmsKeyId, keyArn, `${group.inputs.name} is not encrypted with the estate key`);
            }
            assert.deepEqual(Object.keys(await resolve(estate.logGroupNames)).sort(), [...SERVICES].sort());
        });

        it("locks the archive bucket down and keeps objects for the environment's schedule", () => {
            const block = one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
            assert.deepEqual(
                [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
                [true, true, true, true],
            );
            assert.equal(one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status, "Enabled");
            const rules: LifecycleRule[] = one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules;
            const logs = rules.find((rule) => rule.id === "service-logs");
            assert.ok(logs);
            assert.equal(logs.filter.prefix, "logs/");
            assert.deepEqual(logs.transitions, [{ days: expected.glacier, storageClass: "GLACIER" }]);
            assert.equal(logs.expiration.days, expected.expiry);
            // Audit data stays seven years in the archive too, whatever the environment.
            const audit = rules.find((rule) => rule.id === "audit-trail");
            assert.ok(audit);
            assert.equal(audit.filter.prefix, "cloudtrail/");
            assert.equal(audit.expiration.days, 2557);
            const locks = mocks.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
            assert.equal(locks.length, expected.objectLock ? 1 : 0);
            assert.equal(one("aws:s3/bucket:Bucket").inputs.objectLockEnabled === true, expected.objectLock);
        });

        it("has one bucket policy: deny without TLS, and CloudTrail writes for this trail only", () => {
            const statements: Statement[] = JSON.parse(one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement;
            const insecure = statementBySid(statements, "DenyInsecureTransport");
            assert.equal(insecure.Effect, "Deny");
            assert.equal(conditionValue(insecure, "Bool", "aws:SecureTransport"), "false");
            const write = statementBySid(statements, "CloudTrailWrite");
            const [trail] = mocks.ofType("aws:cloudtrail/trail:Trail");
            assert.equal(
                conditionValue(write, "StringEquals", "aws:SourceArn"),
                `arn:aws:cloudtrail:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:trail/${trail.inputs.name}`,
            );
            assert.equal(trail.inputs.s3BucketName, one("aws:s3/bucket:Bucket").inputs.bucket);
        });

        it("archives through Firehose with date partitions, decompression and KMS", async () => {
            const stream = one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").inputs;
            const s3 = stream.extendedS3Configuration;
            assert.match(s3.prefix, /^logs\/year=!\{timestamp:yyyy\}\/month=!\{timestamp:MM\}\/day=!\{timestamp:dd\}\/hour=!\{timestamp:HH\}\/$/);
            assert.match(s3.errorOutputPrefix, /^errors\/!\{firehose:error-output-type\}\//);
            assert.equal(s3.processingConfiguration.processors[0].type, "Decompression");
            const keyArn = await resolve(estate.kmsKeyArn);
            assert.equal(s3.kmsKeyArn, keyArn);
            assert.equal(stream.serverSideEncryption.keyArn, keyArn);
            const streamArn = await resolve(estate.firehoseStreamArn);
            const subscriptions = mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
            assert.deepEqual(subscriptions.map((s) => s.inputs.logGroup).sort(), [...serviceGroupNames].sort());
            assert.ok(subscriptions.every((s) => s.inputs.destinationArn === streamArn));
        });

        it("grants no * on *, and binds every service principal to the account or a resource", () => {
            const documents = policyDocumentsIn(mocks.resources);
            // Key policy, bucket policy, 2 topic policies, 3 trust policies and 3 role policies.
            assert.equal(documents.length, 10);
            for (const document of documents) {
                for (const statement of document.statements) {
                    assert.ok(!grantsEverything(statement), `${document.resource} ${document.property}: ${statement.Sid}`);
                    if (servicePrincipals(statement).length > 0) {
                        assert.ok(hasSourceCondition(statement), `${document.resource} ${statement.Sid} lacks a source condition`);
                    }
                    if (document.property === "assumeRolePolicy") {
                        assert.equal(statement.Resource, undefined, `${document.resource}: trust policies may not name a resource`);
                    }
                }
            }
        });

        it("keys its KMS policy to the logs service of the region and never to principal *", () => {
            const statements: Statement[] = JSON.parse(one("aws:kms/key:Key").inputs.policy).Statement;
            assert.ok(statements.every((s) => s.Principal !== "*"));
            const logs = statementBySid(statements, "CloudWatchLogsEncryptLogGroups");
            assert.deepEqual(servicePrincipals(logs), [`logs.${MOCK_REGION}.amazonaws.com`]);
            assert.ok(conditionValue(logs, "ArnLike", "kms:EncryptionContext:aws:logs:arn"));
            assert.equal(one("aws:kms/key:Key").inputs.enableKeyRotation, true);
            assert.equal(one("aws:kms/alias:Alias").inputs.name, `alias/observability-${environment}`);
        });

        it("saves the query library over the service log groups, on schema fields only", async () => {
            const definitions = mocks.ofType("aws:cloudwatch/queryDefinition:QueryDefinition");
            assert.ok(definitions.length >= 20);
            assert.equal(definitions.length, SAVED_QUERIES.length);
            const names = definitions.map((d) => d.inputs.name);
            assert.equal(new Set(names).size, names.length);
            for (const definition of definitions) {
                assert.ok(definition.inputs.name.startsWith(`observability/${environment}/`));
                const query: string = definition.inputs.queryString;
                assert.ok(query.trim().length > 0 && query.length <= LOGS_INSIGHTS_QUERY_MAX_LENGTH);
                assert.deepEqual([...definition.inputs.logGroupNames].sort(), [...serviceGroupNames].sort());
                for (const field of insightsFieldReferences(query)) {
                    assert.ok(isLogSchemaPath(field), `${definition.inputs.name} reads ${field}`);
                }
            }
            assert.deepEqual([...(await resolve(estate.queryDefinitionNames))].sort(), [...names].sort());
        });

        it("derives metrics only from schema fields, into each service's namespace", () => {
            const filters = mocks.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
            assert.equal(filters.length, SERVICES.length * 2);
            for (const filter of filters) {
                const selectors = [
                    ...filterPatternSelectors(filter.inputs.pattern),
                    ...filterPatternSelectors(filter.inputs.metricTransformation.value),
                ];
                assert.ok(selectors.length > 0);
                for (const selector of selectors) {
                    assert.ok(isLogSchemaPath(selector), `${filter.name} reads ${selector}`);
                }
                const service = filter.inputs.logGroupName.split("/").pop();
                assert.equal(filter.inputs.metricTransformation.namespace, estate.metricNamespaces[service]);
                assert.ok(Object.values(LOG_METRIC_NAMES).includes(filter.inputs.metricTransformation.name));
            }
            for (const subscription of mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")) {
                filterPatternSelectors(subscription.inputs.filterPattern).forEach((s) => assert.ok(isLogSchemaPath(s), s));
            }
        });

        it("parents every resource, through its component, to the estate", () => {
            // A mock URN's type is `<parent type>$<own type>`; each component type occurs once,
            // so following parent types from any resource must end at the estate.
            const root = "observability:index:ObservabilityEstate";
            const urns = registeredUrns();
            assert.equal(urns.length, mocks.resources.length);
            const parentOf = new Map<string, string | undefined>();
            for (const type of COMPONENT_TYPES) {
                const own = urns.filter((urn) => urn.split("::")[2].split("$").pop() === type);
                const instances = PER_SERVICE_COMPONENT_TYPES.has(type) ? SERVICES.length : 1;
                assert.equal(own.length, instances, `component ${type} registered ${instances} time(s)`);
                const parents = new Set(own.map((urn) => urn.split("::")[2].split("$")).map((chain) => (chain.length > 1 ? chain[0] : undefined)));
                assert.equal(parents.size, 1, `every ${type} has the same parent`);
                parentOf.set(type, [...parents][0]);
            }
            assert.equal(parentOf.get(root), undefined);
            for (const urn of urns) {
                const chain = urn.split("::")[2].split("$");
                if (chain.length === 1) {
                    assert.equal(chain[0], root, `${urn} has no parent`);
                    continue;
                }
                let ancestor: string | undefined = chain[0];
                const visited: string[] = [];
                while (ancestor !== undefined && ancestor !== root && !visited.includes(ancestor)) {
                    visited.push(ancestor);
                    ancestor = parentOf.get(ancestor);
                }
                assert.equal(ancestor, root, `${urn} does not lead to the estate`);
                if (chain[1].startsWith("aws:")) {
                    assert.notEqual(chain[0], root, `${urn} belongs to no part component`);
                }
            }
        });
    });
}

describe("ObservabilityEstate options", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("adopts an existing key and encrypts every log group with it", async () => {
        const existing = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/0000aaaa-1111-2222-3333-444455556666`;
        const estate = new ObservabilityEstate("observability", estateConfigFor("prod", { kms: { existingKeyArn: existing } }));
        await settle();
        assert.equal(mocks.ofType("aws:kms/key:Key").length, 0);
        assert.equal(await resolve(estate.kmsKeyArn), existing);
        for (const group of mocks.ofType("aws:cloudwatch/logGroup:LogGroup")) {
            assert.equal(group.inputs.kmsKeyId, existing);
        }
    });

    it("without the audit trail grants CloudTrail nothing", async () => {
        const estate = new ObservabilityEstate("observability", estateConfigFor("dev", { auditTrail: false }));
        await settle();
        assert.equal(estate.auditTrail, undefined);
        assert.equal(mocks.ofType("aws:cloudtrail/trail:Trail").length, 0);
        const principals = policyDocumentsIn(mocks.resources).flatMap((d) => d.statements.flatMap(servicePrincipals));
        assert.ok(!principals.includes("cloudtrail.amazonaws.com"));
    });

    it("applies overrides: archive exclusions and a smaller query set", async () => {
        new ObservabilityEstate("observability", {
            ...estateConfigFor("dev"),
            overrides: { archiveExcludedPaths: ["/ping"], queries: SAVED_QUERIES.slice(0, 2) },
        });
        await settle();
        const [subscription] = mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
        assert.ok(subscription.inputs.filterPattern.includes('"/ping"'));
        assert.ok(!subscription.inputs.filterPattern.includes('"/health"'));
        assert.equal(mocks.ofType("aws:cloudwatch/queryDefinition:QueryDefinition").length, 2);
    });
});

/** Metric alarms name themselves with `name`, composite alarms with `alarmName` (@pulumi/aws v7). */
function alarmNameOf(alarm: { type: string; inputs: Record<string, unknown> }): string {
    return String(alarm.type === "aws:cloudwatch/compositeAlarm:CompositeAlarm" ? alarm.inputs.alarmName : alarm.inputs.name);
}

describe("ObservabilityEstate watches what it declares", () => {
    let mocks: RecordingMocks;
    let estate: ObservabilityEstate;

    before(async () => {
        mocks = await useRecordingMocks("prod");
        estate = new ObservabilityEstate("observability", estateConfigFor("prod"));
        await settle();
    });

    it("routes every alarm to one of its own topics and names alarms uniquely across the stack", async () => {
        const topics = [await resolve(estate.criticalTopicArn), await resolve(estate.warningTopicArn)];
        const alarms = [...mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm"), ...mocks.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm")];
        const names = alarms.map(alarmNameOf);
        assert.equal(new Set(names).size, names.length, "alarm names are unique");
        assert.deepEqual([...(await resolve(estate.alarmNames))].sort(), [...names].sort());
        for (const alarm of alarms) {
            for (const arn of [...(alarm.inputs.alarmActions ?? []), ...(alarm.inputs.okActions ?? [])]) {
                assert.ok(topics.includes(arn), `${alarmNameOf(alarm)} notifies ${arn}, not an estate topic`);
            }
        }
    });

    it("shows on the on-call dashboard exactly the alarms and service log groups it declares", async () => {
        const dashboards = mocks.ofType("aws:cloudwatch/dashboard:Dashboard");
        const onCall = dashboards.find((d) => /on-call/.test(d.inputs.dashboardName));
        assert.ok(onCall, `dashboards: ${dashboards.map((d) => d.inputs.dashboardName).join(", ")}`);
        const body = JSON.parse(onCall.inputs.dashboardBody) as { widgets: { type: string; properties: Record<string, unknown> }[] };
        const alarmWidgetArns = body.widgets.filter((w) => w.type === "alarm").flatMap((w) => w.properties.alarms as string[]);
        const declaredAlarmArns = [...mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm"), ...mocks.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm")].map(
            (a) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${alarmNameOf(a)}`,
        );
        assert.deepEqual([...new Set(alarmWidgetArns)].sort(), declaredAlarmArns.sort());
        const logWidget = body.widgets.find((w) => w.type === "log");
        assert.ok(logWidget);
        const serviceGroups = Object.values(await resolve(estate.logGroupNames)).sort();
        for (const group of serviceGroups) {
            assert.ok(String(logWidget.properties.query).includes(`'${group}'`), `log widget reads ${group}`);
        }
    });
});
