import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PreviewReport } from "../../engine/preview";
import { sarifProblems } from "../support/sarif";
import { MINIMAL_PACK, NONCOMPLIANT_PROGRAM, PROJECT_PACK, runPreviewCli } from "./support";

/** The offline preview as a user runs it, against a pack other than the project's own. */
describe("preview command (any program, any pack)", () => {
    const base = ["--program", NONCOMPLIANT_PROGRAM, "--policy-pack", MINIMAL_PACK, "--stack", "dev"];

    it("prints exactly one JSON document with the contract's fields and exits 1 on a mandatory violation", async () => {
        const run = await runPreviewCli([...base, "--format", "json"]);
        assert.strictEqual(run.code, 1, run.stderr);
        const report = JSON.parse(run.stdout) as PreviewReport;
        assert.deepStrictEqual(Object.keys(report), ["stack", "program", "resources", "violations", "summary"]);
        assert.strictEqual(report.stack, "dev");
        assert.strictEqual(report.program, NONCOMPLIANT_PROGRAM);
        assert.strictEqual(report.summary.resources, report.resources.length);
        assert.strictEqual(report.resources.length, 14);
        for (const r of report.resources) {
            assert.deepStrictEqual(Object.keys(r), ["urn", "type", "name", "parent"]);
        }
        assert.deepStrictEqual(
            report.violations.map((v) => [v.policy, v.enforcementLevel, v.type, v.name]),
            [["retention-set", "mandatory", "aws:cloudwatch/logGroup:LogGroup", "forever-logs"]],
        );
        assert.deepStrictEqual(report.summary, { resources: 14, mandatory: 1, advisory: 0 });
    });

    it("applies a policy config file: its level and settings reach the pack, and the exit code follows", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const file = path.join(dir, "config.json");
        fs.writeFileSync(file, JSON.stringify({ "retention-set": { enforcementLevel: "advisory", minimumDays: 60 } }));
        const run = await runPreviewCli([...base, "--format", "json", "--policy-config", file]);
        assert.strictEqual(run.code, 0, run.stderr);
        const report = JSON.parse(run.stdout) as PreviewReport;
        // minimumDays 60 also flags the two 30-day groups; all three are now advisory.
        assert.deepStrictEqual(report.summary, { resources: 14, mandatory: 0, advisory: 3 });
        assert.deepStrictEqual(report.violations.map((v) => v.name).sort(), ["forever-logs", "good-fn-logs", "text-fn-logs"]);
        assert.ok(report.violations.every((v) => /set at least 60/.test(v.message)));
    });

    it("rejects a policy config that names an unknown policy or setting, with exit code 2", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const file = path.join(dir, "config.json");
        fs.writeFileSync(file, JSON.stringify({ "retention-sett": "advisory", "retention-set": { minimumDayz: 3 } }));
        const run = await runPreviewCli([...base, "--policy-config", file]);
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /"retention-sett" is not a policy of minimal-fixture-pack; its policies are: retention-set, has-log-group/);
        assert.match(run.stderr, /"retention-set.minimumDayz" is not a setting of policy retention-set; its settings are: minimumDays/);
        assert.strictEqual(run.stdout, "");
    });

    it("rejects a waiver for a policy the pack does not have, listing the ones it has (project pack)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
        const file = path.join(dir, "config.json");
        fs.writeFileSync(file, JSON.stringify({ "lambda-tracing-active": { waivers: [{ policy: "lambda-tracing-activ", resource: "x", reason: "r", expires: "2027-01-01" }] } }));
        const run = await runPreviewCli(["--program", NONCOMPLIANT_PROGRAM, "--policy-pack", PROJECT_PACK, "--policy-config", file]);
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /"lambda-tracing-active\.waivers\.0\.policy" must be equal to one of the allowed values: "lambda-tracing-active", "lambda-structured-logging"/);
    });

    it("writes valid SARIF 2.1.0 with one rule per policy", async () => {
        const run = await runPreviewCli([...base, "--format", "sarif"]);
        assert.strictEqual(run.code, 1, run.stderr);
        const sarif = JSON.parse(run.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
        assert.deepStrictEqual(sarifProblems(sarif), []);
        assert.notDeepStrictEqual(sarifProblems({ version: "2.1.0", runs: [{ results: [] }] }), [], "the validator rejects a run without a tool");
        assert.strictEqual(sarif.version, "2.1.0");
        assert.deepStrictEqual(sarif.runs[0].tool.driver.rules.map((r) => r.id), ["retention-set", "has-log-group"]);
        assert.deepStrictEqual(sarif.runs[0].results.map((r) => [r.ruleId, r.level]), [["retention-set", "error"]]);
    });

    it("prints the plan by component and the violations in text", async () => {
        const run = await runPreviewCli(base);
        assert.strictEqual(run.code, 1, run.stderr);
        assert.match(run.stdout, /Plan: 14 resources to create/);
        assert.match(run.stdout, /\+ pulumi:pulumi:Stack "noncompliant-fixture-dev"/);
        assert.match(run.stdout, /aws:lambda\/function:Function ×3/);
        assert.match(run.stdout, /mandatory \(1\):\n\s+\[retention-set\] aws:cloudwatch\/logGroup:LogGroup "forever-logs"/);
        assert.match(run.stdout, /Summary: 14 resources, 1 mandatory and 0 advisory violations/);
    });

    it("exits 2 with a clear message on a usage error or a missing stack", async () => {
        const badFormat = await runPreviewCli([...base, "--format", "xml"]);
        assert.strictEqual(badFormat.code, 2);
        assert.match(badFormat.stderr, /argument 'xml' is invalid. Allowed choices are text, json, sarif/);
        const noStack = await runPreviewCli([...base.slice(0, 4), "--stack", "qa"]);
        assert.strictEqual(noStack.code, 2);
        assert.match(noStack.stderr, /stack "qa" has no config file .*Pulumi.qa.yaml; stacks with a config file here: dev/);
    });
});
