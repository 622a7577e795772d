import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AnalyzerClient } from "../../engine/analyzer-client";
import { resolvePolicyConfig } from "../../engine/policy-config";
import { preview, PreviewReport } from "../../engine/preview";
import { UNKNOWN_VALUE, type RegisteredResource } from "../../engine/program-model";
import { policyNames } from "../../policies/catalog";
import { sarifProblems } from "../support/sarif";
import { NONCOMPLIANT_PROGRAM, PROJECT_DIR, PROJECT_PACK, runPreviewCli } from "./support";

/** The project's own pack, run the way `pulumi preview --policy-pack policies` runs it. */

describe("the project's program passes its own pack", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`stack ${stack}: no mandatory violation`, async () => {
            const result = await preview({ programDir: PROJECT_DIR, stack, policyPackDir: PROJECT_PACK });
            const mandatory = result.report.violations.filter((v) => v.enforcementLevel === "mandatory");
            assert.deepStrictEqual(mandatory, []);
            assert.ok(result.report.summary.resources > 150, `${result.report.summary.resources} resources`);
            assert.strictEqual(result.policyConfigFile, path.join(PROJECT_PACK, "config", `${stack}.json`));
        });
    }
});

/** [policy, level, resource name] of every violation the fixture program must produce. */
const EXPECTED_FIXTURE_VIOLATIONS = [
    ["lambda-log-group-declared", "mandatory", "untraced-fn"],
    ["lambda-structured-logging", "mandatory", "text-fn"],
    ["lambda-tracing-active", "mandatory", "untraced-fn"],
    ["log-group-encryption", "advisory", "forever-logs"],
    ["log-group-retention", "mandatory", "forever-logs"],
    ["rest-stage-access-logs", "mandatory", "orders-stage"],
    ["rest-stage-log-groups-declared", "mandatory", "orders-stage"],
    ["rest-stage-method-settings-declared", "mandatory", "orders-stage"],
    ["rest-stage-xray-tracing", "mandatory", "orders-stage"],
];

describe("a non-compliant raw @pulumi/aws program through the offline preview", () => {
    const args = ["--program", NONCOMPLIANT_PROGRAM, "--stack", "dev"];

    it("JSON: exactly the expected violations, each naming the resource, the value found and the fix; exit 1", async () => {
        const run = await runPreviewCli([...args, "--format", "json"]);
        assert.strictEqual(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout) as PreviewReport;
        const found = report.violations.map((v) => [v.policy, v.enforcementLevel, v.name]).sort((a, b) => a.join().localeCompare(b.join()));
        assert.deepStrictEqual(found, EXPECTED_FIXTURE_VIOLATIONS);
        assert.deepStrictEqual(report.summary, { resources: 14, mandatory: 8, advisory: 1 });
        for (const v of report.violations) {
            assert.ok(v.message.includes(`"${v.name}"`), `names the resource: ${v.message}`);
            assert.match(v.message, /found: /, "says what was found");
            assert.match(v.message, /Fix: /, "says how to fix it");
            assert.ok(report.resources.some((r) => r.urn === v.urn && r.type === v.type), "points at a declared resource");
        }
        const untraced = report.violations.find((v) => v.policy === "lambda-tracing-active");
        assert.match(untraced?.message ?? "", /tracingConfig\.mode/);
    });

    it("SARIF: valid 2.1.0, one rule per policy of the pack, one result per violation", async () => {
        const run = await runPreviewCli([...args, "--format", "sarif"]);
        assert.strictEqual(run.code, 1, run.stderr);
        const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
        assert.deepStrictEqual(sarifProblems(sarif), []);
        const [sarifRun] = sarif.runs;
        assert.strictEqual(sarifRun.tool.driver.name, "observability-guardrails");
        assert.deepStrictEqual(sarifRun.tool.driver.rules.map((r) => r.id).sort(), [...policyNames].sort());
        assert.deepStrictEqual(
            sarifRun.results.map((r) => [r.ruleId, r.level]).sort((a, b) => a.join().localeCompare(b.join())),
            EXPECTED_FIXTURE_VIOLATIONS.map(([policy, level]) => [policy, level === "mandatory" ? "error" : "warning"]).sort((a, b) => a.join().localeCompare(b.join())),
        );
    });

    it("text: the plan and every violation with its fix", async () => {
        const run = await runPreviewCli(args);
        assert.strictEqual(run.code, 1, run.stderr);
        assert.match(run.stdout, /Plan: 14 resources to create/);
        assert.match(run.stdout, /mandatory \(8\):/);
        assert.match(run.stdout, /advisory \(1\):/);
        for (const [policy, , name] of EXPECTED_FIXTURE_VIOLATIONS) {
            assert.ok(new RegExp(`\\[${policy}\\] \\S+ "${name}"`).test(run.stdout), `${policy} on ${name} in:\n${run.stdout}`);
        }
        assert.match(run.stdout, /Summary: 14 resources, 8 mandatory and 1 advisory violations/);
    });

    it("remediate level: the preview reports the fixes and the fixed resources pass", async () => {
        const dir = fs.mkdtempSync(path.join(PROJECT_DIR, "test", ".tmp-remediate-"));
        try {
            const file = path.join(dir, "config.json");
            fs.writeFileSync(
                file,
                JSON.stringify({
                    "lambda-tracing-active": { enforcementLevel: "remediate", environment: "dev" },
                    "lambda-structured-logging": { enforcementLevel: "remediate", environment: "dev" },
                    "log-group-retention": { enforcementLevel: "remediate", environment: "dev" },
                    "rest-stage-xray-tracing": { enforcementLevel: "remediate", environment: "dev" },
                }),
            );
            const run = await runPreviewCli([...args, "--format", "json", "--policy-config", file]);
            const report = JSON.parse(run.stdout) as PreviewReport;
            const remediated = report.violations.filter((v) => v.enforcementLevel === "remediate").map((v) => [v.policy, v.name]).sort();
            assert.deepStrictEqual(remediated, [
                ["lambda-structured-logging", "text-fn"],
                ["lambda-tracing-active", "untraced-fn"],
                ["log-group-retention", "forever-logs"],
                ["rest-stage-xray-tracing", "orders-stage"],
            ]);
            const tracingFix = report.violations.find((v) => v.enforcementLevel === "remediate" && v.policy === "lambda-tracing-active");
            assert.strictEqual(tracingFix?.message, 'remediated: set tracingConfig {"mode":"Active"} (was not set)');
            const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy).sort();
            assert.deepStrictEqual(mandatory, ["lambda-log-group-declared", "rest-stage-access-logs", "rest-stage-log-groups-declared", "rest-stage-method-settings-declared"]);
            assert.strictEqual(run.code, 1);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("the project's pack over the Analyzer protocol", () => {
    let client: AnalyzerClient;
    const lambda = (name: string, properties: Record<string, unknown>): RegisteredResource => ({
        urn: `urn:pulumi:dev::p::aws:lambda/function:Function::${name}`,
        type: "aws:lambda/function:Function",
        name,
        parent: null,
        custom: true,
        provider: null,
        dependencies: [],
        properties: { name, ...properties },
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [] },
    });
    const logGroup = (name: string, retentionInDays: number): RegisteredResource => ({
        ...lambda(name, {}),
        urn: `urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::${name}`,
        type: "aws:cloudwatch/logGroup:LogGroup",
        properties: { name, retentionInDays, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k" },
    });
    const compliant = { tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN" } };

    before(async () => {
        client = await AnalyzerClient.start(PROJECT_PACK, { project: "p", stack: "dev", config: {}, secretKeys: [], dryRun: true });
        const info = await client.getAnalyzerInfo();
        await client.configure(resolvePolicyConfig({}, info, "defaults"));
    });
    after(() => client.close());

    it("reports its name, the version of policies/package.json and every policy", async () => {
        const info = await client.getAnalyzerInfo();
        const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_PACK, "package.json"), "utf8")) as { version: string }).version;
        assert.strictEqual(info.name, "observability-guardrails");
        assert.strictEqual(info.version, version);
        assert.deepStrictEqual(info.policies.map((p) => p.name).sort(), [...policyNames].sort());
    });

    it("Analyze: a compliant function passes, an untraced one is a mandatory violation", async () => {
        assert.deepStrictEqual(await client.analyze(lambda("ok", compliant)), []);
        const diagnostics = await client.analyze(lambda("bad", { loggingConfig: compliant.loggingConfig }));
        assert.deepStrictEqual(
            diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [["lambda-tracing-active", "mandatory"]],
        );
    });

    it("Analyze: values not yet known during preview neither crash nor count as violations", async () => {
        const unknown = UNKNOWN_VALUE;
        assert.deepStrictEqual(await client.analyze(lambda("pending", { tracingConfig: { mode: unknown }, loggingConfig: unknown })), []);
        assert.deepStrictEqual(await client.analyze(logGroup("pending-group", unknown as unknown as number)), []);
    });

    it("AnalyzeStack: a function whose log group is not declared, and the same stack once it is", async () => {
        const without = await client.analyzeStack([lambda("fn", compliant)]);
        assert.deepStrictEqual(without.map((d) => [d.policyName, d.urn]), [["lambda-log-group-declared", "urn:pulumi:dev::p::aws:lambda/function:Function::fn"]]);
        assert.deepStrictEqual(await client.analyzeStack([lambda("fn", compliant), logGroup("/aws/lambda/fn", 7)]), []);
    });
});
