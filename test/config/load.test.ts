import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, TOP_LEVEL_KEYS, loadEstateConfig } from "../../config/load";
import { resolve } from "../support/pulumi-mocks";
import { service, stackFileValues } from "./builders";

const PAGER_DUTY_URL = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";

/** Config as the engine passes it: every value a string, structured values as JSON text. */
function engineConfig(values: Record<string, unknown>): Record<string, string> {
    const config: Record<string, string> = { "aws:region": "eu-west-1" };
    for (const [name, value] of Object.entries(values)) {
        config[`observability:${name}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
}

function loadProblems(): ConfigValidationError {
    try {
        loadEstateConfig();
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return error;
        }
        throw error;
    }
    assert.fail("loadEstateConfig accepted an invalid config");
}

describe("loadEstateConfig (real Pulumi runtime config)", () => {
    let saved: Record<string, string>;
    before(() => {
        saved = pulumi.runtime.allConfig();
    });
    after(() => {
        pulumi.runtime.setAllConfig(saved);
    });

    it("reads every stack file the way the engine passes it", () => {
        for (const stack of ["dev", "staging", "prod"] as const) {
            pulumi.runtime.setAllConfig(engineConfig(stackFileValues(stack)));
            const config = loadEstateConfig();
            assert.equal(config.environment, stack);
            assert.equal(config.services.length, 6);
        }
    });

    it("parses structured, boolean and string values and ignores other namespaces", () => {
        pulumi.runtime.setAllConfig({
            ...engineConfig({ environment: "staging", services: [service()], retentionDays: { application: 90 }, auditTrail: false }),
            "aws:profile": "audit",
        });
        const config = loadEstateConfig();
        assert.equal(config.environment, "staging");
        assert.equal(config.retention.application, 90);
        assert.equal(config.auditTrail, false);
        assert.equal(config.services[0].apiName, "staging-order");
    });

    it("recognises a secret named in the legacy `<namespace>:config:<key>` form", () => {
        pulumi.runtime.setAllConfig(
            { "observability:config:environment": "prod", "observability:config:pagerDutyEventsUrl": PAGER_DUTY_URL },
            ["observability:config:pagerDutyEventsUrl"],
        );
        const config = loadEstateConfig();
        assert.equal(config.environment, "prod");
        assert.ok(config.alerting.pagerDutyEventsUrl !== undefined);
    });

    it("reports an unknown key in the namespace, listing the allowed keys", () => {
        pulumi.runtime.setAllConfig(engineConfig({ environment: "dev", retention: { application: 7 } }));
        const error = loadProblems();
        assert.equal(error.problems.length, 1);
        const [problem] = error.problems;
        assert.equal(problem.key, "observability:retention");
        assert.match(error.message, /observability:retention = \{"application":7\}: unknown key; allowed: the keys observability:environment, /);
        for (const name of TOP_LEVEL_KEYS) {
            assert.ok(problem.allowed.includes(`observability:${name}`), name);
        }
    });

    it("reports a value that is not structured data as the wrong type under its key", () => {
        pulumi.runtime.setAllConfig(engineConfig({ environment: "dev", auditTrail: "yes", retentionDays: "30" }));
        const error = loadProblems();
        assert.deepEqual(
            error.problems.map((p) => p.message),
            [
                "observability:retentionDays = 30: wrong type: a number; allowed: an object with the keys application, access, audit",
                'observability:auditTrail = "yes": wrong type: a string; allowed: true or false',
            ],
        );
    });

    it("reports a missing environment", () => {
        pulumi.runtime.setAllConfig(engineConfig({ services: [service()] }));
        assert.deepEqual(loadProblems().problems.map((p) => p.key), ["observability:environment"]);
    });

    it("rejects a PagerDuty URL stored in plain text, without showing it", () => {
        pulumi.runtime.setAllConfig(engineConfig({ environment: "prod", pagerDutyEventsUrl: PAGER_DUTY_URL }));
        const error = loadProblems();
        assert.deepEqual(error.problems.map((p) => p.key), ["observability:pagerDutyEventsUrl"]);
        assert.equal(error.problems[0].value, "<secret>");
        assert.match(error.message, /observability:pagerDutyEventsUrl = <secret>: .*pulumi config set --secret observability:pagerDutyEventsUrl/);
        assert.ok(!error.message.includes("events.pagerduty.com"), error.message);
    });

    it("rejects a secret PagerDuty URL that is not https, without showing it", () => {
        const insecure = PAGER_DUTY_URL.replace("https:", "http:");
        pulumi.runtime.setAllConfig(engineConfig({ environment: "prod", pagerDutyEventsUrl: insecure }), ["observability:pagerDutyEventsUrl"]);
        const error = loadProblems();
        assert.deepEqual(error.problems.map((p) => p.message), ["observability:pagerDutyEventsUrl = <secret>: is not valid; allowed: an https:// URL"]);
        assert.ok(!error.message.includes("events.pagerduty.com"));
    });

    it("hands a secret PagerDuty URL on as a secret Output", async () => {
        pulumi.runtime.setAllConfig(engineConfig({ environment: "prod", pagerDutyEventsUrl: PAGER_DUTY_URL }), ["observability:pagerDutyEventsUrl"]);
        const url = loadEstateConfig().alerting.pagerDutyEventsUrl;
        assert.ok(url !== undefined);
        assert.equal(await pulumi.isSecret(url), true);
        assert.equal(await resolve(url), PAGER_DUTY_URL);
    });

    it("reports every problem of the namespace at once", () => {
        pulumi.runtime.setAllConfig(
            engineConfig({
                environment: "production",
                tracing: { samplingRate: 10 },
                alarms: { periodSeconds: 3600, evaluationPeriods: 25, datapointsToAlarm: 1 },
                typo: "x",
            }),
        );
        assert.deepEqual(loadProblems().problems.map((p) => p.key), [
            "observability:typo",
            "observability:environment",
            "observability:tracing.samplingRate",
            "observability:alarms.datapointsToAlarm",
            "observability:alarms.evaluationPeriods",
        ]);
    });
});
