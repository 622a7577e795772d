import * as assert from "assert";
import fc from "fast-check";
import { allPolicies } from "../../policies/catalog";
import { engineResolveContext } from "../../policies/lib/crossguard";
import { environmentFromStackName, GuardrailConfigError, packConfigFor, resolveGuardrailConfig } from "../../policies/lib/config";

describe("policy config", () => {
    it("defaults to prod's rules when nothing says otherwise (fail closed)", () => {
        const config = resolveGuardrailConfig({});
        assert.strictEqual(config.environment, "prod");
        assert.strictEqual(config.environmentSource, "strict default");
        assert.strictEqual(config.minimumRetentionDays, 365);
        assert.deepStrictEqual(config.allowedApplicationLogLevels, ["INFO", "WARN", "ERROR", "FATAL"]);
    });

    it("takes the environment from config, else stack config, else the stack name", () => {
        assert.strictEqual(resolveGuardrailConfig({ environment: "dev" }, { stackName: "prod" }).environment, "dev");
        assert.strictEqual(resolveGuardrailConfig({}, { stackEnvironment: "staging", stackName: "prod" }).environment, "staging");
        assert.strictEqual(resolveGuardrailConfig({}, { stackName: "acme/estate/dev" }).environment, "dev");
    });

    it("reads the stack name and stack config the Pulumi CLI gives the pack process", () => {
        const context = engineResolveContext({ PULUMI_STACK: "acme/estate/staging", PULUMI_CONFIG: '{"observability:environment":"dev"}' });
        assert.deepStrictEqual(context, { stackName: "acme/estate/staging", stackEnvironment: "dev" });
        assert.deepStrictEqual(engineResolveContext({ PULUMI_NODEJS_STACK: "prod", PULUMI_CONFIG: "not json" }), { stackName: "prod", stackEnvironment: undefined });
    });

    it("derives environments from stack names, the strictest hint winning", () => {
        assert.strictEqual(environmentFromStackName("payments-prod-eu"), "prod");
        assert.strictEqual(environmentFromStackName("staging"), "staging");
        assert.strictEqual(environmentFromStackName("dev-copy-of-prod"), "prod");
        assert.strictEqual(environmentFromStackName("feature-x"), undefined);
        assert.strictEqual(environmentFromStackName("production"), "prod");
    });

    it("merges partial per-environment settings with the defaults", () => {
        const config = resolveGuardrailConfig({ environment: "staging", minimumRetentionDays: { prod: 731 } });
        assert.strictEqual(config.minimumRetentionDays, 30);
    });

    it("reports every problem at once, naming key, value and what is allowed", () => {
        try {
            resolveGuardrailConfig({
                environment: "qa",
                minimumRetentionDays: { prod: -1, test: 7 },
                allowedSystemLogLevels: { prod: ["TRACE"] },
                requiredAccessLogFields: { rest: ["requestId"] },
                colour: "blue",
            });
            assert.fail("expected a GuardrailConfigError");
        } catch (error) {
            assert.ok(error instanceof GuardrailConfigError);
            const text = error.problems.join("\n");
            assert.match(text, /environment: "qa" is not one of dev, staging, prod/);
            assert.match(text, /minimumRetentionDays\.prod: -1 must be a whole number of days from 1 to 3653/);
            assert.match(text, /minimumRetentionDays\.test: unknown environment/);
            assert.match(text, /allowedSystemLogLevels\.prod: \["TRACE"\] must be a non-empty list drawn from DEBUG, INFO, WARN/);
            assert.match(text, /requiredAccessLogFields\.rest: \["requestId"\] must be a list of \$context variables/);
            assert.match(text, /colour: unknown setting/);
            assert.strictEqual(error.problems.length, 6);
        }
    });

    it("never throws anything but GuardrailConfigError on arbitrary input (property)", () => {
        fc.assert(
            fc.property(fc.anything(), (raw) => {
                try {
                    resolveGuardrailConfig(raw);
                } catch (error) {
                    assert.ok(error instanceof GuardrailConfigError, String(error));
                }
            }),
            { numRuns: 300 },
        );
    });

    it("accepts every default the schemas declare (what the engine sends when the user sets nothing)", () => {
        for (const policy of allPolicies) {
            const defaults: Record<string, unknown> = {};
            for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
                if (typeof schema === "object" && schema.default !== undefined) {
                    defaults[key] = schema.default;
                }
            }
            assert.doesNotThrow(() => resolveGuardrailConfig(defaults), policy.name);
        }
    });

    it("expands one settings object into per-policy config, each with only the settings it declares", () => {
        const packConfig = packConfigFor({ environment: "dev", minimumRetentionDays: { dev: 14 } }, allPolicies);
        assert.deepStrictEqual(packConfig["log-group-retention"], { environment: "dev", minimumRetentionDays: { dev: 14 } });
        assert.deepStrictEqual(packConfig["lambda-tracing-active"], { environment: "dev" });
        assert.strictEqual(Object.keys(packConfig).length, allPolicies.length);
    });
});
