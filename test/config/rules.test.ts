import { strict as assert } from "assert";
import { TOP_LEVEL_KEYS } from "../../config/load";
import { expectSingleProblem, problemsOf, rawConfig, service } from "./builders";

/**
 * One row per validation rule: a good value that passes and a bad value that is reported with
 * its key, the value as shown to the user and what is allowed.
 */
interface RuleCase {
    rule: string;
    good: Record<string, unknown>;
    bad: Record<string, unknown>;
    key: string;
    shown: string;
    allowed: string;
}

const S0 = "observability:services[0]";
const alarms = (settings: Record<string, unknown>) => ({ alarms: settings });
const firstService = (overrides: Record<string, unknown>) => ({ services: [service(overrides)] });
const slo = (overrides: Record<string, unknown>) =>
    firstService({ slo: { availabilityPercent: 99.9, latencyP99Ms: 1000, errorRatePercent: 0.1, ...overrides } });

const CASES: RuleCase[] = [
    // environment
    { rule: "environment is one of dev/staging/prod", good: { environment: "staging" }, bad: { environment: "qa" }, key: "observability:environment", shown: '"qa"', allowed: "one of dev, staging, prod" },
    { rule: "environment is required", good: { environment: "dev" }, bad: { environment: undefined }, key: "observability:environment", shown: "(not set)", allowed: "one of dev, staging, prod" },
    // unknown keys at every level
    { rule: "unknown top-level key", good: { retentionDays: { audit: 2557 } }, bad: { retention: { audit: 2557 } }, key: "observability:retention", shown: '{"audit":2557}', allowed: "observability:retentionDays" },
    { rule: "unknown key inside a setting", good: alarms({ errorRatePercent: 2 }), bad: alarms({ errorRate: 2 }), key: "observability:alarms.errorRate", shown: "2", allowed: "errorRatePercent" },
    { rule: "unknown key inside a service", good: firstService({ apiStage: "v1" }), bad: firstService({ stage: "v1" }), key: `${S0}.stage`, shown: '"v1"', allowed: "apiStage" },
    { rule: "unknown key inside an SLO", good: slo({ latencyP99Ms: 800 }), bad: slo({ latencyP95Ms: 800 }), key: `${S0}.slo.latencyP95Ms`, shown: "800", allowed: "latencyP99Ms" },
    { rule: "PagerDuty URL inside alerting points to the secret key", good: { alerting: { emails: [] } }, bad: { alerting: { pagerDutyEventsUrl: "https://events.pagerduty.com/x" } }, key: "observability:alerting.pagerDutyEventsUrl", shown: '"https://events.pagerduty.com/x"', allowed: "emails, slack" },
    // retention
    { rule: "retention CloudWatch accepts (audit 2555)", good: { retentionDays: { audit: 2922 } }, bad: { retentionDays: { audit: 2555 } }, key: "observability:retentionDays.audit", shown: "2555", allowed: "2557, 2922, 3288, 3653" },
    { rule: "retention never-expire (0) is rejected", good: { retentionDays: { access: 400 } }, bad: { retentionDays: { access: 0 } }, key: "observability:retentionDays.access", shown: "0", allowed: "365, 400" },
    { rule: "audit retention at least seven years", good: { retentionDays: { audit: 2557 } }, bad: { retentionDays: { audit: 1827 } }, key: "observability:retentionDays.audit", shown: "1827", allowed: "at least the seven-year audit minimum of 2557" },
    { rule: "prod retention at least the prod default", good: { retentionDays: { application: 731 } }, bad: { retentionDays: { application: 180 } }, key: "observability:retentionDays.application", shown: "180", allowed: "at least the prod minimum of 365" },
    { rule: "staging retention at least the staging default", good: { environment: "staging", retentionDays: { application: 30 } }, bad: { environment: "staging", retentionDays: { application: 14 } }, key: "observability:retentionDays.application", shown: "14", allowed: "at least the staging minimum of 30" },
    { rule: "dev retention at least the dev default", good: { environment: "dev", retentionDays: { application: 7, access: 14 } }, bad: { environment: "dev", retentionDays: { application: 3 } }, key: "observability:retentionDays.application", shown: "3", allowed: "at least the dev minimum of 7" },
    { rule: "retention is a number", good: { retentionDays: { access: 365 } }, bad: { retentionDays: { access: "365" } }, key: "observability:retentionDays.access", shown: '"365"', allowed: "one of 365" },
    // archive
    { rule: "archive transition a positive integer", good: { archive: { glacierTransitionDays: 1 } }, bad: { archive: { glacierTransitionDays: 0 } }, key: "observability:archive.glacierTransitionDays", shown: "0", allowed: "an integer greater than 0" },
    { rule: "archive expiry an integer", good: { archive: { expirationDays: 3000 } }, bad: { archive: { expirationDays: 3000.5 } }, key: "observability:archive.expirationDays", shown: "3000.5", allowed: "an integer greater than 0" },
    { rule: "archive expiry after the transition", good: { archive: { glacierTransitionDays: 90, expirationDays: 91 } }, bad: { archive: { glacierTransitionDays: 90, expirationDays: 90 } }, key: "observability:archive.expirationDays", shown: "90", allowed: "an integer greater than 90" },
    { rule: "archive expiry after a transition that only overrides the default", good: { archive: { glacierTransitionDays: 2000 } }, bad: { archive: { glacierTransitionDays: 3000 } }, key: "observability:archive.expirationDays", shown: "2557", allowed: "greater than 3000" },
    { rule: "objectLock is a boolean", good: { archive: { objectLock: false } }, bad: { archive: { objectLock: "true" } }, key: "observability:archive.objectLock", shown: '"true"', allowed: "true or false" },
    // tracing
    { rule: "default sampling rate within 0..1", good: { tracing: { samplingRate: 0.5 } }, bad: { tracing: { samplingRate: 1.5 } }, key: "observability:tracing.samplingRate", shown: "1.5", allowed: "from 0 to 1" },
    { rule: "service sampling rate within 0..1", good: firstService({ samplingRate: 0 }), bad: firstService({ samplingRate: -0.1 }), key: `${S0}.samplingRate`, shown: "-0.1", allowed: "from 0 to 1" },
    { rule: "reservoir a non-negative integer", good: { tracing: { reservoirPerSecond: 0 } }, bad: { tracing: { reservoirPerSecond: 1.5 } }, key: "observability:tracing.reservoirPerSecond", shown: "1.5", allowed: "an integer of at least 0" },
    { rule: "reservoir not negative", good: { tracing: { reservoirPerSecond: 10 } }, bad: { tracing: { reservoirPerSecond: -1 } }, key: "observability:tracing.reservoirPerSecond", shown: "-1", allowed: "an integer of at least 0" },
    { rule: "unsampled paths start with /", good: { tracing: { unsampledPaths: ["/healthz"] } }, bad: { tracing: { unsampledPaths: ["/ok", "health"] } }, key: "observability:tracing.unsampledPaths[1]", shown: '"health"', allowed: 'starting with "/"' },
    // services
    { rule: "services is a list", good: { services: [] }, bad: { services: service() }, key: "observability:services", shown: '{"name":"order"', allowed: "a list of services" },
    { rule: "service names are unique", good: { services: [service(), service({ name: "user" })] }, bad: { services: [service(), service({ name: "user" }), service()] }, key: "observability:services[2].name", shown: '"order"', allowed: "a name no other service in the stack has" },
    { rule: "service name pattern: lower case", good: firstService({ name: "order-v2" }), bad: firstService({ name: "Order" }), key: `${S0}.name`, shown: '"Order"', allowed: "a lower-case letter" },
    { rule: "service name pattern: no trailing hyphen", good: firstService({ name: "o" }), bad: firstService({ name: "order-" }), key: `${S0}.name`, shown: '"order-"', allowed: "not ending with a hyphen" },
    { rule: "service name pattern: letter first", good: firstService({ name: "o2" }), bad: firstService({ name: "2o" }), key: `${S0}.name`, shown: '"2o"', allowed: "a lower-case letter" },
    { rule: "service name makes the X-Ray rule name too long", good: firstService({ name: "a".repeat(27) }), bad: firstService({ name: "a".repeat(28) }), key: `${S0}.name`, shown: `"${"a".repeat(28)}"`, allowed: "a shorter service name" },
    { rule: "service kind lambda|api", good: firstService({ kind: "lambda" }), bad: firstService({ kind: "queue" }), key: `${S0}.kind`, shown: '"queue"', allowed: "one of lambda, api" },
    { rule: "availability below 100", good: slo({ availabilityPercent: 99.999 }), bad: slo({ availabilityPercent: 100 }), key: `${S0}.slo.availabilityPercent`, shown: "100", allowed: "less than 100 (100% leaves no error budget)" },
    { rule: "availability above 0", good: slo({ availabilityPercent: 50 }), bad: slo({ availabilityPercent: 0 }), key: `${S0}.slo.availabilityPercent`, shown: "0", allowed: "greater than 0" },
    { rule: "SLO error rate within 0..100", good: slo({ errorRatePercent: 0 }), bad: slo({ errorRatePercent: 101 }), key: `${S0}.slo.errorRatePercent`, shown: "101", allowed: "from 0 to 100" },
    { rule: "SLO latency positive", good: slo({ latencyP99Ms: 1 }), bad: slo({ latencyP99Ms: 0 }), key: `${S0}.slo.latencyP99Ms`, shown: "0", allowed: "greater than 0" },
    {
        rule: "SLO latency required for kind api, optional for lambda",
        good: firstService({ kind: "lambda", slo: { availabilityPercent: 95, errorRatePercent: 5 } }),
        bad: firstService({ kind: "api", slo: { availabilityPercent: 95, errorRatePercent: 5 } }),
        key: `${S0}.slo.latencyP99Ms`,
        shown: "(not set)",
        allowed: "required for kind api",
    },
    { rule: "runbook URL is https", good: firstService({ runbookUrl: "https://wiki.example.com/runbooks/order#alarms" }), bad: firstService({ runbookUrl: "http://wiki.example.com/order" }), key: `${S0}.runbookUrl`, shown: '"http://wiki.example.com/order"', allowed: "an https:// URL" },
    { rule: "runbook URL is a URL", good: firstService({ runbookUrl: "https://x.example" }), bad: firstService({ runbookUrl: "see the wiki" }), key: `${S0}.runbookUrl`, shown: '"see the wiki"', allowed: "an https:// URL" },
    { rule: "DynamoDB table name length", good: firstService({ dynamodbTables: ["abc"] }), bad: firstService({ dynamodbTables: ["ab"] }), key: `${S0}.dynamodbTables[0]`, shown: '"ab"', allowed: "3 to 255" },
    { rule: "DynamoDB table name characters", good: firstService({ dynamodbTables: ["prod.orders_v2-a"] }), bad: firstService({ dynamodbTables: ["prod orders"] }), key: `${S0}.dynamodbTables[0]`, shown: '"prod orders"', allowed: "letters, digits, underscores, hyphens and dots" },
    { rule: "SQS queue name length (80 with .fifo)", good: firstService({ deadLetterQueues: [`${"q".repeat(75)}.fifo`] }), bad: firstService({ deadLetterQueues: ["q".repeat(81)] }), key: `${S0}.deadLetterQueues[0]`, shown: `"${"q".repeat(78)}…`, allowed: "1 to 80" },
    { rule: "SQS queue name characters", good: firstService({ deadLetterQueues: ["order_dlq-1"] }), bad: firstService({ deadLetterQueues: ["order.dlq"] }), key: `${S0}.deadLetterQueues[0]`, shown: '"order.dlq"', allowed: "optionally ending in .fifo" },
    { rule: "Lambda function names valid", good: firstService({ functionNames: ["prod-order-api", "prod-order-worker"] }), bad: firstService({ functionNames: ["prod:order"] }), key: `${S0}.functionNames[0]`, shown: '"prod:order"', allowed: "Lambda function names" },
    { rule: "API stage name valid", good: firstService({ apiStage: "v1_live" }), bad: firstService({ apiStage: "v1 live" }), key: `${S0}.apiStage`, shown: '"v1 live"', allowed: "letters, digits, hyphens and underscores" },
    // alarm thresholds
    { rule: "latency threshold not negative", good: alarms({ latencyP95Ms: 250 }), bad: alarms({ latencyP95Ms: -1 }), key: "observability:alarms.latencyP95Ms", shown: "-1", allowed: "a finite number greater than 0" },
    { rule: "threshold is numeric", good: alarms({ latencyP95Ms: 500 }), bad: alarms({ latencyP95Ms: "500ms" }), key: "observability:alarms.latencyP95Ms", shown: '"500ms"', allowed: "a finite number" },
    { rule: "threshold is not NaN", good: alarms({ errorRatePercent: 1 }), bad: alarms({ errorRatePercent: NaN }), key: "observability:alarms.errorRatePercent", shown: "NaN", allowed: "from 0 to 100" },
    { rule: "threshold is finite", good: alarms({ trafficSpikePercent: 1000 }), bad: alarms({ trafficSpikePercent: Infinity }), key: "observability:alarms.trafficSpikePercent", shown: "Infinity", allowed: "may exceed 100" },
    { rule: "error-rate threshold a percentage", good: alarms({ errorRatePercent: 100 }), bad: alarms({ errorRatePercent: 101 }), key: "observability:alarms.errorRatePercent", shown: "101", allowed: "from 0 to 100" },
    { rule: "concurrency percentage above 0", good: alarms({ concurrencyPercent: 100 }), bad: alarms({ concurrencyPercent: 0 }), key: "observability:alarms.concurrencyPercent", shown: "0", allowed: "greater than 0 and at most 100" },
    { rule: "concurrency percentage at most 100", good: alarms({ concurrencyPercent: 90 }), bad: alarms({ concurrencyPercent: 120 }), key: "observability:alarms.concurrencyPercent", shown: "120", allowed: "at most 100" },
    { rule: "traffic spike above 0", good: alarms({ trafficSpikePercent: 250 }), bad: alarms({ trafficSpikePercent: 0 }), key: "observability:alarms.trafficSpikePercent", shown: "0", allowed: "greater than 0" },
    { rule: "traffic spike minimum a non-negative integer", good: alarms({ trafficSpikeMinimumRequests: 0 }), bad: alarms({ trafficSpikeMinimumRequests: -5 }), key: "observability:alarms.trafficSpikeMinimumRequests", shown: "-5", allowed: "an integer of at least 0" },
    { rule: "account concurrency limit a positive integer", good: alarms({ accountConcurrencyLimit: 3000 }), bad: alarms({ accountConcurrencyLimit: 1000.5 }), key: "observability:alarms.accountConcurrencyLimit", shown: "1000.5", allowed: "an integer of at least 1" },
    { rule: "account concurrency limit not zero", good: alarms({ accountConcurrencyLimit: 1 }), bad: alarms({ accountConcurrencyLimit: 0 }), key: "observability:alarms.accountConcurrencyLimit", shown: "0", allowed: "an integer of at least 1" },
    { rule: "anomaly detection a boolean", good: alarms({ anomalyDetection: true }), bad: alarms({ anomalyDetection: "yes" }), key: "observability:alarms.anomalyDetection", shown: '"yes"', allowed: "true or false" },
    { rule: "alarm period CloudWatch accepts", good: alarms({ periodSeconds: 10 }), bad: alarms({ periodSeconds: 45 }), key: "observability:alarms.periodSeconds", shown: "45", allowed: "10, 30 or a multiple of 60" },
    { rule: "datapoints at most evaluation periods", good: alarms({ evaluationPeriods: 3, datapointsToAlarm: 3 }), bad: alarms({ evaluationPeriods: 2 }), key: "observability:alarms.datapointsToAlarm", shown: "3", allowed: "an integer from 1 to 2" },
    { rule: "detection within 5 minutes", good: alarms({ periodSeconds: 60, datapointsToAlarm: 5 }), bad: alarms({ periodSeconds: 120 }), key: "observability:alarms.datapointsToAlarm", shown: "3", allowed: "at most 300 s (detection within 5 minutes): with this period at most 2 datapoints" },
    { rule: "alarm window at most one day", good: alarms({ periodSeconds: 300, evaluationPeriods: 288, datapointsToAlarm: 1 }), bad: alarms({ periodSeconds: 300, evaluationPeriods: 289, datapointsToAlarm: 1 }), key: "observability:alarms.evaluationPeriods", shown: "289", allowed: "at most 86400 s (one day)" },
    // alerting
    { rule: "e-mail addresses valid", good: { alerting: { emails: ["oncall+prod@example.co.uk"] } }, bad: { alerting: { emails: ["not-an-email"] } }, key: "observability:alerting.emails[0]", shown: '"not-an-email"', allowed: "e-mail addresses" },
    { rule: "e-mail needs a domain with a dot", good: { alerting: { emails: ["a@b.io"] } }, bad: { alerting: { emails: ["oncall@localhost"] } }, key: "observability:alerting.emails[0]", shown: '"oncall@localhost"', allowed: "e-mail addresses" },
    { rule: "e-mail addresses not repeated", good: { alerting: { emails: ["a@example.com", "b@example.com"] } }, bad: { alerting: { emails: ["ops@example.com", "OPS@example.com"] } }, key: "observability:alerting.emails[1]", shown: '"OPS@example.com"', allowed: "distinct entries" },
    { rule: "Slack workspace id", good: { alerting: { slack: { workspaceId: "T0123ABCD", channelId: "C0123ABCD" } } }, bad: { alerting: { slack: { workspaceId: "t0123abcd", channelId: "C0123ABCD" } } }, key: "observability:alerting.slack.workspaceId", shown: '"t0123abcd"', allowed: "T followed by upper-case letters and digits" },
    { rule: "Slack channel id (private channels start with G)", good: { alerting: { slack: { workspaceId: "T0123ABCD", channelId: "G0123ABCD" } } }, bad: { alerting: { slack: { workspaceId: "T0123ABCD", channelId: "#alerts" } } }, key: "observability:alerting.slack.channelId", shown: '"#alerts"', allowed: "C (or G for a private channel)" },
    { rule: "Slack needs both ids", good: { alerting: { slack: { workspaceId: "T1", channelId: "C1" } } }, bad: { alerting: { slack: { workspaceId: "T1" } } }, key: "observability:alerting.slack.channelId", shown: "(not set)", allowed: "a Slack channel id" },
    // kms and audit trail
    { rule: "KMS key ARN", good: { kms: { existingKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, bad: { kms: { existingKeyArn: "arn:aws:kms:eu-west-1:1234:key/abc" } }, key: "observability:kms.existingKeyArn", shown: '"arn:aws:kms:eu-west-1:1234:key/abc"', allowed: "12-digit account" },
    { rule: "KMS key ARN in another partition, not an alias", good: { kms: { existingKeyArn: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }, bad: { kms: { existingKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/observability" } }, key: "observability:kms.existingKeyArn", shown: '"arn:aws:kms:eu-west-1:123456789012:alias/observability"', allowed: "not an alias" },
    { rule: "auditTrail is a boolean", good: { auditTrail: false }, bad: { auditTrail: "false" }, key: "observability:auditTrail", shown: '"false"', allowed: "true or false" },
    { rule: "auditor role name an IAM role name", good: { auditorRole: { roleName: "security-audit", trustedPrincipalArns: ["arn:aws:iam::210987654321:root"] } }, bad: { auditorRole: { roleName: "audit role!", trustedPrincipalArns: ["arn:aws:iam::210987654321:root"] } }, key: "observability:auditorRole.roleName", shown: '"audit role!"', allowed: "an IAM role name" },
    { rule: "auditor role principals are IAM principal ARNs", good: { auditorRole: { trustedPrincipalArns: ["arn:aws:iam::210987654321:role/security-audit"] } }, bad: { auditorRole: { trustedPrincipalArns: ["210987654321"] } }, key: "observability:auditorRole.trustedPrincipalArns[0]", shown: '"210987654321"', allowed: "IAM principal ARNs" },
    { rule: "auditor role names at least one principal", good: { auditorRole: { trustedPrincipalArns: ["arn:aws:iam::210987654321:root"], allowFix: true } }, bad: { auditorRole: { trustedPrincipalArns: [] } }, key: "observability:auditorRole.trustedPrincipalArns", shown: "[]", allowed: "at least one IAM principal ARN" },
    { rule: "referenceService is a boolean", good: { referenceService: true }, bad: { referenceService: "yes" }, key: "observability:referenceService", shown: '"yes"', allowed: "true or false" },
    { rule: "platform runbook an https URL", good: { alerting: { platformRunbookUrl: "https://runbooks.example.com/platform" } }, bad: { alerting: { platformRunbookUrl: "http://runbooks.example.com/platform" } }, key: "observability:alerting.platformRunbookUrl", shown: '"http://runbooks.example.com/platform"', allowed: "an https:// URL" },
];

describe("config validation rules", () => {
    it("the base fixture is valid", () => {
        assert.deepEqual(problemsOf(rawConfig()), []);
    });

    for (const testCase of CASES) {
        describe(testCase.rule, () => {
            it("accepts the good value", () => {
                assert.deepEqual(problemsOf(rawConfig(testCase.good)).map((p) => p.message), []);
            });
            it(`rejects ${testCase.key} = ${testCase.shown}`, () => {
                expectSingleProblem(rawConfig(testCase.bad), testCase.key, testCase.shown, testCase.allowed);
            });
        });
    }

    it("suggests the nearest accepted retention: 2555 → did you mean 2557?", () => {
        const problem = expectSingleProblem(rawConfig({ retentionDays: { audit: 2555 } }), "observability:retentionDays.audit", "2555", "2557");
        assert.match(problem.message, /did you mean 2557\?/);
    });

    it("never suggests a retention below the minimum (100 days in prod → 365)", () => {
        const problem = expectSingleProblem(rawConfig({ retentionDays: { application: 100 } }), "observability:retentionDays.application", "100", "365");
        assert.match(problem.message, /did you mean 365\?/);
    });

    it("names the top-level keys that are allowed when one is unknown", () => {
        const problem = expectSingleProblem(rawConfig({ sampling: 0.5 }), "observability:sampling", "0.5", "observability:tracing");
        for (const name of TOP_LEVEL_KEYS) {
            assert.ok(problem.allowed.includes(`observability:${name}`), name);
        }
    });

    it("tells where the PagerDuty URL belongs when it is put inside alerting", () => {
        const [problem] = problemsOf(rawConfig({ alerting: { pagerDutyEventsUrl: "https://events.pagerduty.com/x" } }));
        assert.match(problem.message, /pulumi config set --secret observability:pagerDutyEventsUrl/);
    });

    it("reports a service name that is too long for the alarm name too", () => {
        const problems = problemsOf(rawConfig({ services: [service({ name: "a".repeat(240) })] }));
        assert.deepEqual(problems.map((p) => p.key), [`${S0}.name`, `${S0}.name`]);
        assert.match(problems[0].message, /X-Ray sampling rule name .* at most 32/);
        assert.match(problems[1].message, /alarm name .* at most 255/);
    });

    it("checks the window of explicit settings against the defaults of the others (period 600 alone)", () => {
        const problems = problemsOf(rawConfig({ alarms: { periodSeconds: 600 } }));
        assert.deepEqual(problems.map((p) => p.key), ["observability:alarms.datapointsToAlarm"]);
        assert.match(problems[0].message, /periodSeconds 600 detection takes 1800 s/);
        assert.match(problems[0].allowed, /a periodSeconds of at most 300/);
    });
});
