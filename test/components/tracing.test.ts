import { strict as assert } from "assert";
import { DEFAULT_RULE_PRIORITY, Tracing, pathSlug, samplingRuleSpecs, slowRequestsGroupFilter } from "../../components/tracing";
import { EstateConfig, validateEstateConfig } from "../../config/load";
import { XRAY_GROUP_NAME_MAX_LENGTH, XRAY_RULE_NAME_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { STACKS, stackFileValues } from "../config/builders";
import { RecordedResource, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/tracing";
const EXPECTED_RATES = { dev: 1.0, staging: 0.1, prod: 0.01 } as const;

function estate(stack: (typeof STACKS)[number]): EstateConfig {
    return validateEstateConfig({ values: stackFileValues(stack) });
}

async function declareTracing(config: EstateConfig): Promise<{ tracing: Tracing; rules: RecordedResource[]; groups: RecordedResource[]; encryption: RecordedResource[] }> {
    const mocks = await useRecordingMocks(config.environment);
    const tracing = new Tracing("tracing", {
        environment: config.environment,
        tracing: config.tracing,
        services: config.services,
        slowRequestThresholdMs: config.alarms.latencyP95Ms,
        kmsKeyArn: KEY_ARN,
    });
    await settle();
    return {
        tracing,
        rules: mocks.ofType("aws:xray/samplingRule:SamplingRule"),
        groups: mocks.ofType("aws:xray/group:Group"),
        encryption: mocks.ofType("aws:xray/encryptionConfig:EncryptionConfig"),
    };
}

describe("X-Ray sampling rules", () => {
    it("turn paths into short rule-name slugs", () => {
        assert.equal(pathSlug("/health"), "health");
        assert.equal(pathSlug("/api/v1/Ready/"), "api-v1-ready");
        assert.equal(pathSlug("/"), "root");
    });

    it("give services with their own rate a rule matching their entry segment, before the default", () => {
        const config = estate("prod");
        const services = config.services.map((service) =>
            service.name === "payment" ? { ...service, samplingRate: 0.5 } : service.name === "notifications" ? { ...service, samplingRate: 0.2, functionNames: ["prod-notify-email", "prod-notify-sms"] } : service,
        );
        const specs = samplingRuleSpecs("prod", config.tracing, services);
        const overrides = specs.filter((spec) => spec.priority > 3 && spec.priority < DEFAULT_RULE_PRIORITY);
        assert.deepEqual(
            overrides.map((spec) => [spec.ruleName, spec.serviceName, spec.fixedRate]),
            [
                ["prod-payment", "prod-payment/prod", 0.5],
                ["prod-notifications-1", "prod-notify-email", 0.2],
                ["prod-notifications-2", "prod-notify-sms", 0.2],
            ],
        );
    });

    it("refuse a rule name longer than X-Ray allows, naming it", () => {
        const config = estate("staging");
        const tracing = { ...config.tracing, unsampledPaths: ["/internal/diagnostics/liveness"] };
        assert.throws(
            () => samplingRuleSpecs("staging", tracing, []),
            /X-Ray sampling rule name "staging-unsampled-internal-diagnostics-liveness" for unsampled path \/internal\/diagnostics\/liveness is 47 characters long; at most 32 are allowed/,
        );
    });

    it("refuse two unsampled paths that would share a rule name", () => {
        const config = estate("dev");
        assert.throws(
            () => samplingRuleSpecs("dev", { ...config.tracing, unsampledPaths: ["/health", "/Health/"] }, []),
            /two X-Ray sampling rules would be named "dev-unsampled-health"/,
        );
    });

    it("express the slow-request threshold in seconds, as X-Ray's responsetime is", () => {
        assert.equal(slowRequestsGroupFilter(500), "responsetime > 0.5");
        assert.equal(slowRequestsGroupFilter(1250), "responsetime > 1.25");
        assert.throws(() => slowRequestsGroupFilter(0), /slow-request threshold 0 ms must be a positive number/);
    });
});

for (const stack of STACKS) {
    describe(`Tracing in ${stack}`, () => {
        const config = estate(stack);
        let declared: Awaited<ReturnType<typeof declareTracing>>;
        before(async () => {
            declared = await declareTracing(config);
        });

        it("samples everything else at the environment's rate with a match-all default rule", () => {
            const defaults = declared.rules.filter((rule) => rule.inputs.ruleName === `${stack}-default`);
            assert.equal(defaults.length, 1);
            const [rule] = defaults;
            assert.equal(rule.inputs.fixedRate, EXPECTED_RATES[stack]);
            assert.equal(rule.inputs.reservoirSize, config.tracing.reservoirPerSecond);
            for (const field of ["host", "httpMethod", "urlPath", "serviceName", "serviceType", "resourceArn"]) {
                assert.equal(rule.inputs[field], "*", field);
            }
            assert.equal(rule.inputs.version, 1);
            const others = declared.rules.filter((other) => other !== rule);
            assert.ok(others.every((other) => other.inputs.priority < rule.inputs.priority), "the default must come last");
        });

        it("never samples /health, /ready and /metrics, one zero-rate rule per path, first", () => {
            const zero = declared.rules.filter((rule) => rule.inputs.fixedRate === 0);
            assert.deepEqual(zero.map((rule) => rule.inputs.urlPath).sort(), ["/health", "/metrics", "/ready"]);
            for (const rule of zero) {
                assert.equal(rule.inputs.reservoirSize, 0);
                assert.equal(rule.inputs.serviceName, "*");
                assert.match(rule.inputs.ruleName, new RegExp(`^${stack}-unsampled-`));
            }
            const lowest = Math.min(...declared.rules.filter((rule) => rule.inputs.fixedRate !== 0).map((rule) => rule.inputs.priority));
            assert.ok(zero.every((rule) => rule.inputs.priority < lowest));
        });

        it("keeps rule names within 32 characters and priorities unique", () => {
            const names = declared.rules.map((rule) => rule.inputs.ruleName as string);
            const priorities = declared.rules.map((rule) => rule.inputs.priority as number);
            assert.ok(names.every((name) => name.length >= 1 && name.length <= XRAY_RULE_NAME_MAX_LENGTH));
            assert.equal(new Set(names).size, names.length);
            assert.equal(new Set(priorities).size, priorities.length);
            assert.ok(priorities.every((p) => Number.isInteger(p) && p >= 1 && p <= 9999));
        });

        it("groups errors and faults, and requests slower than the latency threshold, with insights on", () => {
            const filters = Object.fromEntries(declared.groups.map((group) => [group.inputs.groupName, group.inputs.filterExpression]));
            assert.deepEqual(filters, {
                [`${stack}-errors`]: "fault = true OR error = true",
                [`${stack}-slow`]: `responsetime > ${config.alarms.latencyP95Ms / 1000}`,
            });
            for (const group of declared.groups) {
                assert.deepEqual(group.inputs.insightsConfiguration, { insightsEnabled: true, notificationsEnabled: true });
                assert.ok(group.inputs.groupName.length <= XRAY_GROUP_NAME_MAX_LENGTH);
            }
        });

        it("encrypts traces with the estate's KMS key", () => {
            assert.equal(declared.encryption.length, 1);
            assert.deepEqual(declared.encryption[0].inputs, { type: "KMS", keyId: KEY_ARN });
        });

        it("exports the rule and group names and the group ARNs", async () => {
            assert.deepEqual(
                (await resolve(declared.tracing.samplingRuleNames)).sort(),
                declared.rules.map((rule) => rule.inputs.ruleName).sort(),
            );
            assert.deepEqual(await resolve(declared.tracing.groupNames), [`${stack}-errors`, `${stack}-slow`]);
            const arns = await resolve(declared.tracing.groupArns);
            assert.equal(arns.length, 2);
            assert.ok(arns.every((arn) => arn.startsWith("arn:aws:xray:")));
        });
    });
}
