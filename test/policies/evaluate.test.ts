import * as assert from "assert";
import { resourcePolicies } from "../../policies/catalog";
import { remediationsFor, evaluateResources, resolveSettings } from "../../policies/evaluate";
import { unknownCheckingProxy } from "../../policies/lib/unknowns";
import { waiverTagKey } from "../../policies/lib/waivers";
import { change, compliantStack, lambdaFunction, logGroup, methodSettings, restStage, v2Stage, type TestResource } from "./builders";

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

    it("runs the whole pack in at most 20 µs per resource", () => {
        const kinds = [lambdaFunction(), logGroup(), restStage(), methodSettings(), v2Stage()];
        const others = ["aws:s3/bucketV2:BucketV2", "aws:iam/role:Role", "aws:sns/topic:Topic", "aws:kms/key:Key", "aws:dynamodb/table:Table"];
        const resources = Array.from({ length: 2000 }, (_, index) => {
            const base = kinds[index % kinds.length];
            const type = index % 2 === 0 ? base.type : others[index % others.length];
            return { ...base, type };
        });
        const report = (): void => undefined;
        const runAll = (): void => {
            for (const resource of resources) {
                // Fresh proxy and config object per call, as the Analyzer server creates them.
                const args = { ...resource, props: unknownCheckingProxy(resource.props), getConfig: <T extends object>() => ({ environment: "prod" }) as T };
                for (const policy of resourcePolicies) {
                    policy.validateResource(args, report);
                }
            }
        };
        runAll();
        let best = Infinity;
        for (let round = 0; round < 5; round++) {
            const start = process.hrtime.bigint();
            runAll();
            best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / resources.length);
        }
        assert.ok(best <= 20, `${best.toFixed(2)} µs per resource`);
    });
});
