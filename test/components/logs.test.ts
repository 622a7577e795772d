import { strict as assert } from "assert";
import { DEFAULT_UNSAMPLED_PATHS } from "../../config/defaults";
import { archivePattern, errorLevelPattern, latencyPattern, latencyValue } from "../../components/logs/filter-patterns";
import { ServiceLogGroups } from "../../components/logs/service-log-groups";
import { LOG_METRIC_NAMES } from "../../components/naming";
import { RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import { filterPatternSelectors, isLogSchemaPath } from "./estate-assertions";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/test";
const STREAM_ARN = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/archive";
const ROLE_ARN = "arn:aws:iam::123456789012:role/subscription";

describe("log filter patterns", () => {
    it("count entries at ERROR and FATAL level", () => {
        assert.equal(errorLevelPattern(), '{ ($.level = "ERROR") || ($.level = "FATAL") }');
    });

    it("take latency from the schema's duration field", () => {
        assert.equal(latencyPattern(), "{ $.performance.duration_ms >= 0 }");
        assert.equal(latencyValue(), "$.performance.duration_ms");
    });

    it("archive everything but probe requests, including entries without an HTTP path", () => {
        assert.equal(
            archivePattern(["/health", "/ready"]),
            '{ ($.http.path NOT EXISTS) || (($.http.path != "/health") && ($.http.path != "/ready")) }',
        );
        assert.equal(archivePattern([]), "");
    });

    it("reference only fields of the log schema", () => {
        const patterns = [errorLevelPattern(), latencyPattern(), latencyValue(), archivePattern(DEFAULT_UNSAMPLED_PATHS)];
        for (const selector of patterns.flatMap(filterPatternSelectors)) {
            assert.ok(isLogSchemaPath(selector), `${selector} is not a schema field`);
        }
        assert.ok(!isLogSchemaPath("performance.duration"), "the schema check must reject unknown fields");
    });
});

describe("ServiceLogGroups", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    const build = (archive = true, excludedPaths?: string[]) =>
        new ServiceLogGroups("logs", {
            environment: "staging",
            services: ["order", "payment"],
            retentionInDays: 30,
            kmsKeyArn: KEY_ARN,
            archive: archive ? { destinationArn: STREAM_ARN, roleArn: ROLE_ARN } : undefined,
            excludedPaths,
        });

    it("declares one encrypted log group per service with the given retention", async () => {
        const logs = build();
        await settle();
        const groups = mocks.ofType("aws:cloudwatch/logGroup:LogGroup");
        assert.deepEqual(groups.map((g) => g.inputs.name).sort(), ["/app/staging/order", "/app/staging/payment"]);
        for (const group of groups) {
            assert.equal(group.inputs.retentionInDays, 30);
            assert.equal(group.inputs.kmsKeyId, KEY_ARN);
        }
        assert.deepEqual(await resolve(logs.logGroupNames), {
            order: "/app/staging/order",
            payment: "/app/staging/payment",
        });
        assert.equal(
            (await resolve(logs.logGroupArns)).order,
            "arn:aws:logs:eu-west-1:123456789012:log-group:/app/staging/order",
        );
        assert.equal(logs.groups.payment.metricNamespace, "Observability/staging/payment");
    });

    it("publishes error count and latency metrics into the service namespace", async () => {
        build();
        await settle();
        const filters = mocks.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assert.equal(filters.length, 4);
        const orderErrors = filters.find((f) => f.inputs.logGroupName === "/app/staging/order" && f.inputs.name === LOG_METRIC_NAMES.errors);
        assert.ok(orderErrors);
        assert.equal(orderErrors.inputs.pattern, errorLevelPattern());
        assert.deepEqual(orderErrors.inputs.metricTransformation, {
            name: LOG_METRIC_NAMES.errors,
            namespace: "Observability/staging/order",
            value: "1",
            defaultValue: "0",
            unit: "Count",
        });
        const paymentLatency = filters.find(
            (f) => f.inputs.logGroupName === "/app/staging/payment" && f.inputs.name === LOG_METRIC_NAMES.latency,
        );
        assert.ok(paymentLatency);
        assert.equal(paymentLatency.inputs.metricTransformation.value, "$.performance.duration_ms");
        assert.equal(paymentLatency.inputs.metricTransformation.unit, "Milliseconds");
        assert.equal(paymentLatency.inputs.metricTransformation.namespace, "Observability/staging/payment");
        assert.equal(paymentLatency.inputs.metricTransformation.defaultValue, undefined);
    });

    it("streams each group to the archive without health-check noise", async () => {
        build(true, ["/healthz"]);
        await settle();
        const subscriptions = mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
        assert.deepEqual(subscriptions.map((s) => s.inputs.logGroup).sort(), ["/app/staging/order", "/app/staging/payment"]);
        for (const subscription of subscriptions) {
            assert.equal(subscription.inputs.destinationArn, STREAM_ARN);
            assert.equal(subscription.inputs.roleArn, ROLE_ARN);
            assert.equal(subscription.inputs.filterPattern, archivePattern(["/healthz"]));
        }
    });

    it("excludes the unsampled tracing paths by default", async () => {
        build(true);
        await settle();
        const [subscription] = mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
        for (const probe of ["/health", "/ready", "/metrics"]) {
            assert.ok(subscription.inputs.filterPattern.includes(`$.http.path != "${probe}"`), probe);
        }
    });

    it("declares no subscription without an archive", async () => {
        build(false);
        await settle();
        assert.equal(mocks.ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter").length, 0);
        assert.equal(mocks.ofType("aws:cloudwatch/logGroup:LogGroup").length, 2);
    });
});
