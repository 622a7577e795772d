import * as assert from "assert";
import { remediationsFor, evaluateResources, resolveSettings } from "../../policies/evaluate";
import { waiverTagKey } from "../../policies/lib/waivers";
import { change, compliantStack, lambdaFunction, logGroup, type TestResource } from "./builders";

/** Live resources as the auditor maps them: ARN as name, no URN, tags read from AWS. */
function live(resource: TestResource, arn: string): TestResource {
    return { type: resource.type, name: arn, urn: "", props: { ...resource.props, arn } };
}

describe("evaluation without the engine (auditor API)", () => {
    const config = resolveSettings({ environment: "prod" }, { today: "2025-06-01" });

    it("finds nothing in a compliant estate", () => {
        assert.deepStrictEqual(evaluateResources(compliantStack(), config), []);
    });

    it("reports resource and stack violations with policy, level, subject, message and fix", () => {
        const fnArn = "arn:aws:lambda:eu-west-1:123456789012:function:orders";
        const fn = live(change(lambdaFunction(), { tracingConfig: undefined }), fnArn);
        const violations = evaluateResources([fn], config);
        assert.deepStrictEqual(violations.map((v) => v.policy).sort(), ["lambda-log-group-declared", "lambda-tracing-active"]);
        const tracing = violations.find((v) => v.policy === "lambda-tracing-active")!;
        assert.strictEqual(tracing.enforcementLevel, "mandatory");
        assert.strictEqual(tracing.subject.name, fnArn);
        assert.match(tracing.message, new RegExp(`Lambda function "${fnArn}"`));
        assert.strictEqual(tracing.fix, 'set tracingConfig.mode to "Active"');
    });

    it("honours enforcement levels and waivers read from AWS tags (ARN-matched config waivers too)", () => {
        const arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders";
        const group = live(change(logGroup(), { retentionInDays: 0, kmsKeyId: undefined }), arn);
        const advisory = evaluateResources([group], config, { enforcementLevels: { "log-group-encryption": "disabled", "log-group-retention": "advisory" } });
        assert.deepStrictEqual(advisory.map((v) => [v.policy, v.enforcementLevel]), [["log-group-retention", "advisory"]]);
        const waivedByTag = change(group, { tags: { [waiverTagKey("log-group-retention")]: "2030-01-01 legal hold" } });
        assert.ok(!evaluateResources([waivedByTag], config).some((v) => v.policy === "log-group-retention"));
        const byArn = resolveSettings(
            { environment: "prod", waivers: [{ policy: "log-group-retention", resource: "arn:aws:logs:*:log-group:/aws/lambda/*", reason: "legal", expires: "2030-01-01" }] },
            { today: "2025-06-01" },
        );
        assert.ok(!evaluateResources([group], byArn).some((v) => v.policy === "log-group-retention"));
    });

    it("offers the remediations --fix would apply, with the patch and the resulting properties", () => {
        const fn = change(lambdaFunction(), { tracingConfig: undefined, loggingConfig: { logFormat: "Text" } });
        const fixes = remediationsFor(fn, config);
        assert.deepStrictEqual(
            fixes.map((fix) => [fix.policy, fix.patch]),
            [
                ["lambda-tracing-active", { tracingConfig: { mode: "Active" } }],
                ["lambda-structured-logging", { loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN" } }],
            ],
        );
        assert.strictEqual(fixes[0].properties.handler, "index.handler");
        assert.deepStrictEqual(remediationsFor(lambdaFunction(), config), []);
    });
});
