import { strict as assert } from "assert";
import { AccountAlarms, ServiceAlarms, serviceAlarmPlan } from "../../components/alarms";
import { trafficSpikeExpression } from "../../components/alarms/traffic";
import {
    SIGNALS,
    assertAlarmIsValid,
    burnRateThresholdPercent,
    concurrencyThreshold,
    errorBudgetPercent,
} from "../../components/alarms/strategy";
import { LOG_METRIC_NAMES, serviceMetricNamespace } from "../../components/naming";
import { EstateConfig, ServiceConfig, validateEstateConfig } from "../../config/load";
import {
    ALARM_MAX_DETECTION_SECONDS,
    ALARM_MAX_METRICS,
    ALARM_MAX_WINDOW_SECONDS,
} from "../../policies/rules/cloudwatch";
import { STACKS, stackFileValues } from "../config/builders";
import { RecordedResource, RecordingMocks, settle, useRecordingMocks } from "../support/pulumi-mocks";

const CRITICAL = "arn:aws:sns:eu-west-1:123456789012:alerts-critical";
const WARNING = "arn:aws:sns:eu-west-1:123456789012:alerts-warning";
const PLATFORM_RUNBOOK = "https://runbooks.example.com/platform/lambda-concurrency";

function estate(stack: (typeof STACKS)[number]): EstateConfig {
    return validateEstateConfig({ values: stackFileValues(stack) });
}

interface MetricQueryInput {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: { namespace: string; metricName: string; dimensions?: Record<string, string>; stat: string; period: number };
}

/** Period of a metric alarm: its own, or that of the metrics in its queries (all must agree). */
function periodOf(alarm: RecordedResource): number {
    if (alarm.inputs.period !== undefined) {
        return alarm.inputs.period;
    }
    const periods = new Set((alarm.inputs.metricQueries as MetricQueryInput[]).flatMap((q) => (q.metric ? [q.metric.period] : [])));
    assert.equal(periods.size, 1, `${alarm.inputs.name} mixes periods ${[...periods].join(", ")}`);
    return [...periods][0];
}

function metricsOf(alarm: RecordedResource): MetricQueryInput["metric"][] {
    if (alarm.inputs.metricQueries === undefined) {
        return [
            {
                namespace: alarm.inputs.namespace,
                metricName: alarm.inputs.metricName,
                dimensions: alarm.inputs.dimensions,
                stat: alarm.inputs.extendedStatistic ?? alarm.inputs.statistic,
                period: alarm.inputs.period,
            },
        ];
    }
    return (alarm.inputs.metricQueries as MetricQueryInput[]).flatMap((q) => (q.metric ? [q.metric] : []));
}

function returned(alarm: RecordedResource): MetricQueryInput[] {
    return (alarm.inputs.metricQueries as MetricQueryInput[]).filter((q) => q.returnData);
}

async function declareEstateAlarms(config: EstateConfig): Promise<RecordingMocks> {
    const mocks = await useRecordingMocks(config.environment);
    for (const service of config.services) {
        new ServiceAlarms(service.name, {
            environment: config.environment,
            service,
            alarms: config.alarms,
            criticalTopicArn: CRITICAL,
            warningTopicArn: WARNING,
        });
    }
    new AccountAlarms("account", {
        environment: config.environment,
        alarms: config.alarms,
        criticalTopicArn: CRITICAL,
        warningTopicArn: WARNING,
        runbookUrl: PLATFORM_RUNBOOK,
    });
    await settle();
    return mocks;
}

function expectedMetrics(service: ServiceConfig): { requests: object[]; errors: object[]; latency: object[] } {
    if (service.kind === "api") {
        const dimensions = { ApiName: service.apiName, Stage: service.apiStage };
        return {
            requests: [{ namespace: "AWS/ApiGateway", metricName: "Count", dimensions, stat: "Sum" }],
            errors: [{ namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions, stat: "Sum" }],
            latency: [{ namespace: "AWS/ApiGateway", metricName: "Latency", dimensions, stat: "p95" }],
        };
    }
    const per = (metricName: string, stat: string) =>
        service.functionNames.map((name) => ({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: name }, stat }));
    return { requests: per("Invocations", "Sum"), errors: per("Errors", "Sum"), latency: per("Duration", "p95") };
}

function withoutPeriod(metric: MetricQueryInput["metric"]): object {
    assert.ok(metric);
    const { period: _period, ...rest } = metric;
    return rest;
}

describe("alarm strategy", () => {
    it("derives burn-rate thresholds from the availability SLO (percent of requests)", () => {
        assert.equal(errorBudgetPercent(99.9), 0.1);
        assert.equal(burnRateThresholdPercent(99.9, 14.4), 1.44);
        assert.equal(burnRateThresholdPercent(99.95, 14.4), 0.72);
        assert.equal(burnRateThresholdPercent(95.0, 14.4), 72);
        assert.equal(burnRateThresholdPercent(99.9, 6), 0.6);
        assert.equal(burnRateThresholdPercent(99.5, 6), 3);
    });

    it("puts the concurrency threshold at the configured share of the account limit", () => {
        assert.equal(concurrencyThreshold(1000, 80), 800);
        assert.equal(concurrencyThreshold(3000, 75), 2250);
    });

    it("rejects alarms that detect too slowly, look back too far or read too many metrics", () => {
        assert.throws(
            () => assertAlarmIsValid("x-y-z", { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 2 }, 1),
            /alarm "x-y-z" is invalid: detection time period × datapointsToAlarm = 300 × 2 = 600 s exceeds 300 s/,
        );
        assert.throws(
            () => assertAlarmIsValid("x-y-z", { periodSeconds: 60, evaluationPeriods: 1441, datapointsToAlarm: 1 }, 1),
            /evaluation window period × evaluationPeriods = 60 × 1441 = 86460 s exceeds 86400 s/,
        );
        assert.throws(
            () => assertAlarmIsValid("x-y-z", { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 }, 11),
            /reads 11 metrics; a metric math alarm may read at most 10/,
        );
        assert.throws(
            () => assertAlarmIsValid("x-y-z", { periodSeconds: 45, evaluationPeriods: 5, datapointsToAlarm: 6 }, 1),
            /period 45 s is not 10, 30 or a multiple of 60; datapointsToAlarm 6 must be an integer from 1 to evaluationPeriods \(5\)/,
        );
        assert.doesNotThrow(() => assertAlarmIsValid("x-y-z", { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5 }, 10));
    });

    it("compares requests with the previous five minutes through DIFF, guarded by a minimum", () => {
        assert.equal(
            trafficSpikeExpression("requests", 100),
            "IF(requests >= 100 AND (requests - DIFF(requests)) > 0, 100 * DIFF(requests) / (requests - DIFF(requests)), 0)",
        );
    });
});

describe("ServiceAlarms plan", () => {
    const prod = estate("prod");
    const notifications = prod.services.find((s) => s.name === "notifications") as ServiceConfig;
    const plan = (service: ServiceConfig, overrides: Partial<EstateConfig["alarms"]> = {}, burnRatePeriodSeconds?: number) =>
        serviceAlarmPlan({
            environment: "prod",
            service,
            alarms: { ...prod.alarms, ...overrides },
            criticalTopicArn: CRITICAL,
            warningTopicArn: WARNING,
            burnRatePeriodSeconds,
        });

    it("sums errors and requests over every function of a Lambda service and takes the worst latency", () => {
        const service = { ...notifications, functionNames: ["prod-notify-email", "prod-notify-sms"] };
        const { metricAlarms } = plan(service);
        const errorRate = metricAlarms.find((a) => a.signal === SIGNALS.errorRate);
        assert.ok(errorRate && errorRate.source.kind === "math");
        const expressions = errorRate.source.queries.flatMap((q) => (q.expression ? [q.expression] : []));
        assert.deepEqual(expressions, [
            "FILL(errors_1, 0) + FILL(errors_2, 0)",
            "FILL(requests_1, 0) + FILL(requests_2, 0)",
            "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
        ]);
        const latency = metricAlarms.find((a) => a.signal === SIGNALS.latencyP95);
        assert.ok(latency && latency.source.kind === "math");
        assert.deepEqual(
            latency.source.queries.filter((q) => q.returnData).map((q) => q.expression),
            ["MAX([latency_1, latency_2])"],
        );
        const throttles = metricAlarms.filter((a) => a.signal.startsWith(SIGNALS.lambdaThrottles)).map((a) => a.signal);
        assert.deepEqual(throttles, ["lambda-throttles-prod-notify-email", "lambda-throttles-prod-notify-sms"]);
    });

    it("refuses a Lambda service with more functions than a math alarm can read", () => {
        const functionNames = ["a", "b", "c", "d", "e", "f"].map((f) => `prod-${f}`);
        const service = { ...notifications, functionNames };
        assert.throws(() => new ServiceAlarms("too-many", {
            environment: "prod",
            service,
            alarms: prod.alarms,
            criticalTopicArn: CRITICAL,
            warningTopicArn: WARNING,
        }), /alarm "prod-notifications-error-rate" is invalid: it reads 12 metrics; a metric math alarm may read at most 10/);
    });

    it("adds an anomaly-band alarm on request count only when asked", () => {
        const order = prod.services[0];
        assert.equal(plan(order).metricAlarms.find((a) => a.signal === SIGNALS.trafficAnomaly), undefined);
        const anomaly = plan(order, { anomalyDetection: true }).metricAlarms.find((a) => a.signal === SIGNALS.trafficAnomaly);
        assert.ok(anomaly && anomaly.source.kind === "math");
        assert.equal(anomaly.comparisonOperator, "GreaterThanUpperThreshold");
        assert.equal(anomaly.threshold, undefined);
        assert.equal(anomaly.source.thresholdMetricId, "band");
        assert.deepEqual(
            anomaly.source.queries.filter((q) => q.returnData).map((q) => q.expression ?? q.metric?.metricName),
            ["Count", "ANOMALY_DETECTION_BAND(requests, 2)"],
        );
    });

    it("refuses a burn-rate period that does not divide the windows", () => {
        assert.throws(() => plan(prod.services[0], {}, 420), /burn-rate window of 60 min is not a whole number of 420-s periods/);
    });

    it("names one alarm per table or queue after the resource when a service has several", () => {
        const order = { ...prod.services[0], dynamodbTables: ["prod-orders", "prod-order-lines"] };
        const signals = plan(order).metricAlarms.map((a) => a.signal).filter((s) => s.startsWith("dynamodb"));
        assert.deepEqual(signals, [
            "dynamodb-read-throttles-prod-orders",
            "dynamodb-write-throttles-prod-orders",
            "dynamodb-read-throttles-prod-order-lines",
            "dynamodb-write-throttles-prod-order-lines",
        ]);
    });
});

for (const stack of STACKS) {
    describe(`alarms of the reference services in ${stack}`, () => {
        const config = estate(stack);
        let mocks: RecordingMocks;
        let metricAlarms: RecordedResource[];
        let composites: RecordedResource[];
        const byName = (name: string): RecordedResource => {
            const found = [...metricAlarms, ...composites].find((a) => (a.inputs.name ?? a.inputs.alarmName) === name);
            assert.ok(found, `no alarm named ${name}`);
            return found;
        };

        before(async () => {
            mocks = await declareEstateAlarms(config);
            metricAlarms = mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
            composites = mocks.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm");
        });

        it("covers the six reference services", () => {
            assert.deepEqual(
                config.services.map((s) => `${s.name}/${s.kind}`),
                ["order/api", "user/api", "catalog/api", "payment/api", "search/api", "notifications/lambda"],
            );
        });

        it("alarms on error rate as errors ÷ requests, critical, for every service", () => {
            for (const service of config.services) {
                const alarm = byName(`${stack}-${service.name}-error-rate`);
                const expected = expectedMetrics(service);
                assert.deepEqual(metricsOf(alarm).map(withoutPeriod), [...expected.errors, ...expected.requests]);
                assert.deepEqual(returned(alarm).map((q) => q.expression), ["IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"]);
                assert.equal(alarm.inputs.threshold, config.alarms.errorRatePercent);
                assert.equal(alarm.inputs.comparisonOperator, "GreaterThanThreshold");
                assert.equal(alarm.inputs.treatMissingData, "notBreaching");
                assert.deepEqual(alarm.inputs.alarmActions, [], "critical children act through the composite");
            }
        });

        it("alarms on p95 latency at the entry point, to the warning topic", () => {
            for (const service of config.services) {
                const alarm = byName(`${stack}-${service.name}-latency-p95`);
                assert.deepEqual(metricsOf(alarm).map(withoutPeriod), expectedMetrics(service).latency);
                assert.equal(alarm.inputs.extendedStatistic, "p95");
                assert.equal(alarm.inputs.statistic, undefined);
                assert.equal(alarm.inputs.threshold, config.alarms.latencyP95Ms);
                assert.deepEqual(alarm.inputs.alarmActions, [WARNING]);
                assert.deepEqual(alarm.inputs.okActions, [WARNING]);
            }
        });

        it("alarms on SLO burn rate over a long and a short window, combined by composites", () => {
            const windows = [
                { signal: "slo-fast-burn-1h", factor: 14.4, evaluationPeriods: 12 },
                { signal: "slo-fast-burn-5m", factor: 14.4, evaluationPeriods: 1 },
                { signal: "slo-slow-burn-6h", factor: 6, evaluationPeriods: 72 },
                { signal: "slo-slow-burn-30m", factor: 6, evaluationPeriods: 6 },
            ];
            for (const service of config.services) {
                const budget = 100 - service.slo.availabilityPercent;
                for (const window of windows) {
                    const alarm = byName(`${stack}-${service.name}-${window.signal}`);
                    assert.ok(Math.abs(alarm.inputs.threshold - window.factor * budget) < 1e-9, `${alarm.inputs.name} threshold`);
                    assert.equal(periodOf(alarm), 300);
                    assert.equal(alarm.inputs.evaluationPeriods, window.evaluationPeriods);
                    assert.equal(alarm.inputs.datapointsToAlarm, 1);
                    assert.deepEqual(metricsOf(alarm).map(withoutPeriod), [
                        ...expectedMetrics(service).errors,
                        ...expectedMetrics(service).requests,
                    ]);
                    assert.deepEqual(returned(alarm).map((q) => q.expression), [
                        "100 * SUM(errors) / SUM(requests) + 0 * FILL(requests, 0)",
                    ]);
                    assert.deepEqual(alarm.inputs.alarmActions, []);
                }
                const fast = byName(`${stack}-${service.name}-slo-fast-burn`);
                assert.equal(
                    fast.inputs.alarmRule,
                    `ALARM("${stack}-${service.name}-slo-fast-burn-1h") AND ALARM("${stack}-${service.name}-slo-fast-burn-5m")`,
                );
                assert.deepEqual(fast.inputs.alarmActions, []);
                const slow = byName(`${stack}-${service.name}-slo-slow-burn`);
                assert.equal(
                    slow.inputs.alarmRule,
                    `ALARM("${stack}-${service.name}-slo-slow-burn-6h") AND ALARM("${stack}-${service.name}-slo-slow-burn-30m")`,
                );
                assert.deepEqual(slow.inputs.alarmActions, [WARNING]);
            }
            assert.equal(byName(`${stack}-order-slo-fast-burn-1h`).inputs.threshold, 1.44);
            assert.equal(byName(`${stack}-payment-slo-fast-burn-1h`).inputs.threshold, 0.72);
            assert.equal(byName(`${stack}-notifications-slo-fast-burn-5m`).inputs.threshold, 72);
        });

        it("alarms on throttles of every Lambda function and every DynamoDB table", () => {
            for (const service of config.services) {
                const throttles = metricAlarms.filter((a) => a.inputs.metricName === "Throttles" && a.inputs.name.startsWith(`${stack}-${service.name}-`));
                assert.deepEqual(
                    throttles.map((a) => a.inputs.dimensions.FunctionName),
                    service.functionNames,
                );
                assert.ok(throttles.every((a) => a.inputs.name === `${stack}-${service.name}-lambda-throttles`));
                for (const table of service.dynamodbTables) {
                    for (const [signal, metricName] of [
                        ["dynamodb-read-throttles", "ReadThrottleEvents"],
                        ["dynamodb-write-throttles", "WriteThrottleEvents"],
                    ]) {
                        const alarm = byName(`${stack}-${service.name}-${signal}`);
                        assert.equal(alarm.inputs.namespace, "AWS/DynamoDB");
                        assert.equal(alarm.inputs.metricName, metricName);
                        assert.deepEqual(alarm.inputs.dimensions, { TableName: table });
                        assert.equal(alarm.inputs.statistic, "Sum");
                        assert.equal(alarm.inputs.threshold, 0);
                        assert.equal(alarm.inputs.comparisonOperator, "GreaterThanThreshold");
                        assert.deepEqual(alarm.inputs.alarmActions, [WARNING]);
                    }
                }
            }
            const throttle = byName(`${stack}-notifications-lambda-throttles`);
            assert.equal(throttle.inputs.namespace, "AWS/Lambda");
            assert.equal(throttle.inputs.statistic, "Sum");
            assert.equal(throttle.inputs.threshold, 0);
            const dynamodbAlarms = metricAlarms.filter((a) => a.inputs.namespace === "AWS/DynamoDB");
            assert.equal(dynamodbAlarms.length, 2 * config.services.reduce((n, s) => n + s.dynamodbTables.length, 0));
        });

        it("alarms on account Lambda concurrency once, above the configured share of the limit", () => {
            const concurrency = metricAlarms.filter((a) => a.inputs.metricName === "ConcurrentExecutions");
            assert.equal(concurrency.length, 1);
            const [alarm] = concurrency;
            assert.equal(alarm.inputs.name, `${stack}-account-lambda-concurrency`);
            assert.equal(alarm.inputs.namespace, "AWS/Lambda");
            assert.equal(alarm.inputs.dimensions, undefined);
            assert.equal(alarm.inputs.statistic, "Maximum");
            assert.equal(alarm.inputs.threshold, 800);
            assert.ok(alarm.inputs.alarmDescription.includes(PLATFORM_RUNBOOK));
        });

        it("alarms on a traffic spike against the previous five minutes", () => {
            for (const service of config.services) {
                const alarm = byName(`${stack}-${service.name}-traffic-spike`);
                assert.deepEqual(metricsOf(alarm).map(withoutPeriod), expectedMetrics(service).requests);
                assert.equal(periodOf(alarm), 300);
                assert.deepEqual(returned(alarm).map((q) => q.expression), [
                    trafficSpikeExpression("requests", config.alarms.trafficSpikeMinimumRequests),
                ]);
                assert.equal(alarm.inputs.threshold, config.alarms.trafficSpikePercent);
                assert.deepEqual(alarm.inputs.alarmActions, [WARNING]);
            }
        });

        it("alarms on every dead-letter queue holding a message, as a critical child", () => {
            for (const service of config.services) {
                const dlqAlarms = metricAlarms.filter((a) => a.inputs.namespace === "AWS/SQS" && a.inputs.name.startsWith(`${stack}-${service.name}-`));
                assert.deepEqual(dlqAlarms.map((a) => a.inputs.dimensions.QueueName), service.deadLetterQueues);
                for (const alarm of dlqAlarms) {
                    assert.equal(alarm.inputs.name, `${stack}-${service.name}-dlq-depth`);
                    assert.equal(alarm.inputs.metricName, "ApproximateNumberOfMessagesVisible");
                    assert.equal(alarm.inputs.statistic, "Maximum");
                    assert.equal(alarm.inputs.threshold, 1);
                    assert.equal(alarm.inputs.comparisonOperator, "GreaterThanOrEqualToThreshold");
                    assert.equal(alarm.inputs.treatMissingData, "ignore");
                }
            }
        });

        it("alarms on errors counted by the log metric filter", () => {
            for (const service of config.services) {
                const alarm = byName(`${stack}-${service.name}-log-errors`);
                assert.equal(alarm.inputs.namespace, serviceMetricNamespace(stack, service.name));
                assert.equal(alarm.inputs.metricName, LOG_METRIC_NAMES.errors);
                assert.equal(alarm.inputs.statistic, "Sum");
                assert.equal(alarm.inputs.dimensions, undefined);
                assert.deepEqual(alarm.inputs.alarmActions, [WARNING]);
            }
        });

        it("pages through one composite per service over exactly the critical children", () => {
            for (const service of config.services) {
                const composite = byName(`${stack}-${service.name}-critical`);
                const children = [`${stack}-${service.name}-error-rate`, `${stack}-${service.name}-slo-fast-burn`];
                if (service.deadLetterQueues.length > 0) {
                    children.push(`${stack}-${service.name}-dlq-depth`);
                }
                assert.deepEqual(
                    [...composite.inputs.alarmRule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]).sort(),
                    children.sort(),
                );
                assert.ok(/^ALARM\("[^"]+"\)( OR ALARM\("[^"]+"\))*$/.test(composite.inputs.alarmRule));
                assert.deepEqual(composite.inputs.alarmActions, [CRITICAL]);
                assert.deepEqual(composite.inputs.okActions, [CRITICAL]);
            }
        });

        it("routes every alarm to the topic its severity calls for, ALARM and OK alike", () => {
            for (const alarm of [...metricAlarms, ...composites]) {
                assert.deepEqual(alarm.inputs.okActions, alarm.inputs.alarmActions, alarm.name);
                const actions: string[] = alarm.inputs.alarmActions;
                assert.ok(actions.length <= 1 && actions.every((a) => a === CRITICAL || a === WARNING), alarm.name);
                if (actions.includes(CRITICAL)) {
                    assert.ok(alarm.type.startsWith("aws:cloudwatch/compositeAlarm"), `${alarm.name} pages directly`);
                }
            }
        });

        it("keeps every metric alarm within CloudWatch's and the estate's limits", () => {
            assert.ok(metricAlarms.length > 0);
            for (const alarm of metricAlarms) {
                const period = periodOf(alarm);
                assert.ok(period * alarm.inputs.datapointsToAlarm <= ALARM_MAX_DETECTION_SECONDS, `${alarm.inputs.name} detects too slowly`);
                assert.ok(period * alarm.inputs.evaluationPeriods <= ALARM_MAX_WINDOW_SECONDS, `${alarm.inputs.name} looks back too far`);
                assert.ok(alarm.inputs.datapointsToAlarm <= alarm.inputs.evaluationPeriods);
                assert.ok(metricsOf(alarm).length <= ALARM_MAX_METRICS);
                assert.ok(["notBreaching", "ignore", "missing", "breaching"].includes(alarm.inputs.treatMissingData));
                if (alarm.inputs.metricQueries !== undefined) {
                    assert.equal(returned(alarm).length, alarm.inputs.thresholdMetricId === undefined ? 1 : 2, alarm.inputs.name);
                }
            }
        });

        it("names alarms <env>-<service>-<signal>, uniquely, each with its runbook", () => {
            const names = [...metricAlarms.map((a) => a.inputs.name), ...composites.map((a) => a.inputs.alarmName)];
            assert.equal(new Set(names).size, names.length);
            for (const alarm of [...metricAlarms, ...composites]) {
                const name: string = alarm.inputs.name ?? alarm.inputs.alarmName;
                const service = config.services.find((s) => name.startsWith(`${stack}-${s.name}-`));
                const runbook = service?.runbookUrl ?? PLATFORM_RUNBOOK;
                assert.ok(service !== undefined || name.startsWith(`${stack}-account-`), name);
                assert.match(name, new RegExp(`^${stack}-[a-z0-9-]+-[a-z0-9-]+$`));
                assert.ok(alarm.inputs.alarmDescription.includes(`Runbook: ${runbook}`), name);
            }
        });

        it("builds composite rules only from alarms that exist", () => {
            const names = new Set([...metricAlarms.map((a) => a.inputs.name), ...composites.map((a) => a.inputs.alarmName)]);
            for (const composite of composites) {
                const referenced = [...composite.inputs.alarmRule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
                assert.ok(referenced.length > 0);
                for (const name of referenced) {
                    assert.ok(names.has(name), `${composite.inputs.alarmName} refers to missing ${name}`);
                }
            }
        });
    });
}
