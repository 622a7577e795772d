import { strict as assert } from "assert";
import { ConfigValidationError, EstateConfig, validateEstateConfig } from "../../config/load";
import { STACKS, problemsOf, rawConfig, service, stackFileValues } from "./builders";

const SHARED_DEFAULTS = {
    services: [],
    alerting: { emails: [] },
    alarms: {
        errorRatePercent: 5,
        latencyP95Ms: 500,
        concurrencyPercent: 80,
        accountConcurrencyLimit: 1000,
        trafficSpikePercent: 50,
        trafficSpikeMinimumRequests: 100,
        anomalyDetection: false,
        periodSeconds: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
    },
    kms: {},
    auditTrail: true,
};
const UNSAMPLED = ["/health", "/ready", "/metrics"];

const EXPECTED_DEFAULTS: Record<(typeof STACKS)[number], EstateConfig> = {
    dev: {
        environment: "dev",
        retention: { application: 7, access: 7, audit: 2557 },
        archive: { glacierTransitionDays: 30, expirationDays: 90, objectLock: false },
        tracing: { samplingRate: 1.0, reservoirPerSecond: 1, unsampledPaths: UNSAMPLED },
        ...SHARED_DEFAULTS,
        referenceService: true,
    },
    staging: {
        environment: "staging",
        retention: { application: 30, access: 30, audit: 2557 },
        archive: { glacierTransitionDays: 30, expirationDays: 365, objectLock: false },
        tracing: { samplingRate: 0.1, reservoirPerSecond: 1, unsampledPaths: UNSAMPLED },
        ...SHARED_DEFAULTS,
        referenceService: false,
    },
    prod: {
        environment: "prod",
        retention: { application: 365, access: 365, audit: 2557 },
        archive: { glacierTransitionDays: 90, expirationDays: 2557, objectLock: true },
        tracing: { samplingRate: 0.01, reservoirPerSecond: 1, unsampledPaths: UNSAMPLED },
        ...SHARED_DEFAULTS,
        referenceService: false,
    },
};

describe("config defaults", () => {
    for (const environment of STACKS) {
        it(`fills every ${environment} default from the environment alone`, () => {
            assert.deepEqual(validateEstateConfig({ values: { environment } }), EXPECTED_DEFAULTS[environment]);
        });
    }

    it("merges a partial setting with the defaults key by key", () => {
        const config = validateEstateConfig({
            values: {
                environment: "staging",
                retentionDays: { access: 90 },
                archive: { objectLock: true },
                tracing: { unsampledPaths: ["/ping"] },
                alarms: { errorRatePercent: 2, anomalyDetection: true },
            },
        });
        assert.deepEqual(config.retention, { application: 30, access: 90, audit: 2557 });
        assert.deepEqual(config.archive, { glacierTransitionDays: 30, expirationDays: 365, objectLock: true });
        assert.deepEqual(config.tracing, { samplingRate: 0.1, reservoirPerSecond: 1, unsampledPaths: ["/ping"] });
        assert.deepEqual(config.alarms, { ...SHARED_DEFAULTS.alarms, errorRatePercent: 2, anomalyDetection: true });
    });

    it("derives a service's API, stage and function names from the environment by default", () => {
        const [order] = validateEstateConfig(rawConfig({ environment: "staging" })).services;
        assert.deepEqual(order, {
            name: "order",
            kind: "api",
            slo: { availabilityPercent: 99.9, latencyP99Ms: 1000, errorRatePercent: 0.1 },
            runbookUrl: "https://runbooks.example.com/services/order",
            dynamodbTables: [],
            deadLetterQueues: [],
            samplingRate: undefined,
            apiName: "staging-order",
            apiStage: "staging",
            functionNames: ["staging-order"],
        });
    });

    it("keeps a service's explicit names and sampling rate", () => {
        const overrides = { apiName: "Orders API", apiStage: "v1", functionNames: ["orders-get", "orders-put"], samplingRate: 0.5 };
        const [order] = validateEstateConfig(rawConfig({ services: [service(overrides)] })).services;
        assert.deepEqual(
            { apiName: order.apiName, apiStage: order.apiStage, functionNames: order.functionNames, samplingRate: order.samplingRate },
            overrides,
        );
    });

    it("leaves out the latency objective of an asynchronous service", () => {
        const notifications = service({ name: "notifications", kind: "lambda", slo: { availabilityPercent: 95, errorRatePercent: 5 } });
        const [config] = validateEstateConfig(rawConfig({ services: [notifications] })).services;
        assert.deepEqual(config.slo, { availabilityPercent: 95, errorRatePercent: 5 });
        assert.ok(!("latencyP99Ms" in config.slo));
    });
});

describe("config problems are all reported at once", () => {
    it("lists every problem of a config, each on its own line with key, value and what is allowed", () => {
        const raw = {
            values: {
                environment: "qa",
                retentionDays: { application: 2555 },
                tracing: { samplingRate: 2 },
                services: [service(), service({ slo: { availabilityPercent: 99.9, latencyP99Ms: 1000, errorRatePercent: -1 } })],
                alarms: { latencyP95Ms: "fast", periodSeconds: 3600, evaluationPeriods: 48 },
                alerting: { emails: ["not-an-email"] },
                colour: "blue",
            },
        };
        let thrown: unknown;
        try {
            validateEstateConfig(raw);
        } catch (error) {
            thrown = error;
        }
        assert.ok(thrown instanceof ConfigValidationError);
        const expectedKeys = [
            "observability:colour",
            "observability:environment",
            "observability:services[1].slo.errorRatePercent",
            "observability:services[1].name",
            "observability:retentionDays.application",
            "observability:tracing.samplingRate",
            "observability:alerting.emails[0]",
            "observability:alarms.latencyP95Ms",
            "observability:alarms.datapointsToAlarm",
            "observability:alarms.evaluationPeriods",
        ];
        assert.deepEqual(thrown.problems.map((p) => p.key), expectedKeys);
        const lines = thrown.message.split("\n");
        assert.match(lines[0], /10 problems/);
        assert.equal(lines.length, 1 + expectedKeys.length);
        thrown.problems.forEach((problem, index) => {
            assert.equal(lines[index + 1], `  - ${problem.message}`);
            assert.ok(problem.message.includes(problem.key) && problem.message.includes(`allowed: ${problem.allowed}`), problem.message);
        });
        assert.match(thrown.message, /observability:environment = "qa": .*one of dev, staging, prod/);
        assert.match(thrown.message, /observability:retentionDays\.application = 2555: .*did you mean 2557\?/);
        assert.match(thrown.message, /observability:alarms\.latencyP95Ms = "fast": wrong type: a string; allowed: a finite number/);
    });
});

describe("the repository's stack files", () => {
    const EXPECTED = {
        dev: { application: 7, audit: 2557, samplingRate: 1.0 },
        staging: { application: 30, audit: 2557, samplingRate: 0.1 },
        prod: { application: 365, audit: 2557, samplingRate: 0.01 },
    };
    for (const stack of STACKS) {
        it(`Pulumi.${stack}.yaml validates with the ${stack} retention and sampling`, () => {
            const raw = { values: stackFileValues(stack) };
            assert.deepEqual(problemsOf(raw).map((p) => p.message), []);
            const config = validateEstateConfig(raw);
            const expected = EXPECTED[stack];
            assert.equal(config.environment, stack);
            assert.deepEqual(config.retention, { application: expected.application, access: expected.application, audit: expected.audit });
            assert.equal(config.tracing.samplingRate, expected.samplingRate);
            assert.deepEqual(
                config.services.map((s) => s.name),
                ["order", "user", "catalog", "payment", "search", "notifications"],
            );
            assert.ok(config.services.every((s) => s.functionNames[0] === `${stack}-${s.name}`));
        });
    }
});
