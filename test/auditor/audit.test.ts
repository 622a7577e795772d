import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { XMLParser } from "fast-xml-parser";
import { resolveTargets } from "../../auditor/accounts";
import type { ApiCall } from "../../auditor/aws/calls";
import { runCli } from "../../auditor/cli";
import { iamActionFor } from "../../auditor/iam/actions";
import { allowedActions, auditorFixPolicy, auditorReadOnlyPolicy } from "../../auditor/iam/policy";
import type { AuditFinding, AuditReport } from "../../auditor/model";
import { sarifProblems } from "../support/sarif";
import { ACCOUNT_ID, EXPECTED_FINDINGS, FAR_FUTURE, PAGED_REGION, REGIONS, estateFor } from "./fixture";
import { emulatorEnv, seedDirect, startEmulator, withEnv, type Emulator } from "./support/emulator";
import { compliantFunction, compliantLogGroup, compliantRestApi, seedRegion, type SeededEstate } from "./support/estate";
import { startFaultProxy, type FaultPlan } from "./support/fault-proxy";

/**
 * The auditor end to end against moto's server (with the launcher's Lambda LoggingConfig
 * extension): real SDK clients, real paging, real wire protocols, the pack's own policies.
 */

interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

const calls: ApiCall[] = [];
const fixCalls: ApiCall[] = [];

async function audit(args: string[], options: { endpoint?: string; recordInto?: ApiCall[] } = {}): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const restore = options.endpoint ? withEnv({ AWS_ENDPOINT_URL: options.endpoint }) : () => undefined;
    try {
        const code = await runCli(args, {
            stdout: (text) => (stdout += text),
            stderr: (text) => (stderr += text),
            progress: false,
            onCall: (call) => (options.recordInto ?? calls).push(call),
        });
        return { code, stdout, stderr };
    } finally {
        restore();
    }
}

function parseJson(run: CliRun): AuditReport {
    try {
        return JSON.parse(run.stdout) as AuditReport;
    } catch (error) {
        throw new Error(`stdout is not one JSON document (${String(error)}); exit ${run.code}; stderr:\n${run.stderr}\nstdout:\n${run.stdout.slice(0, 2000)}`);
    }
}

const tuple = (finding: AuditFinding) => `${finding.region} ${finding.name} ${finding.policy} ${finding.enforcementLevel}`;

describe("auditor (against the AWS emulator)", function () {
    let emulator: Emulator;
    let restoreEnv: () => void;
    const seeded = new Map<string, SeededEstate>();
    let baseline: AuditReport;

    function expectedTuples(region: string): string[] {
        const executionGroup = `API-Gateway-Execution-Logs_${seeded.get(region)!.restApiIds.get("half-rest")}/prod`;
        const advisory = new Set(["log-group-encryption", "waivers-in-use"]);
        return [...EXPECTED_FINDINGS, [executionGroup, "log-group-retention"] as const].map(
            ([name, policy]) => `${region} ${name} ${policy} ${advisory.has(policy) ? "advisory" : "mandatory"}`,
        );
    }

    before(async function () {
        emulator = await startEmulator();
        restoreEnv = withEnv(emulatorEnv(emulator.endpoint));
        for (const region of REGIONS) {
            seeded.set(region, await seedRegion(estateFor(region)));
        }
    });

    after(async function () {
        restoreEnv?.();
        await emulator?.stop();
    });

    it("reports exactly the pack's findings for every kind of resource in two regions, across list pages", async function () {
        const run = await audit(["--regions", REGIONS.join(","), "--format", "json"]);
        baseline = parseJson(run);
        assert.equal(run.code, 1, `exit code (mandatory findings); stderr: ${run.stderr}`);
        assert.deepEqual(baseline.accounts, [ACCOUNT_ID]);
        assert.deepEqual(baseline.regions, [...REGIONS]);
        assert.deepEqual(baseline.findings.map(tuple).sort(), REGIONS.flatMap(expectedTuples).sort());
        assert.deepEqual(baseline.notEvaluated, []);
        assert.deepEqual(
            baseline.waived.map((waiver) => `${waiver.arn} ${waiver.policy} ${waiver.expires} ${waiver.reason}`),
            REGIONS.map((region) => `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:waived-tracing lambda-tracing-active ${FAR_FUTURE} vendor layer breaks with X-Ray`),
        );
        const expired = baseline.findings.find((finding) => finding.name === "expired-waiver")!;
        assert.match(expired.message, /expired on 2020-01-31/);
        assert.equal(expired.arn, `arn:aws:lambda:eu-west-1:${ACCOUNT_ID}:function:expired-waiver`);
        const textLogs = baseline.findings.find((finding) => finding.name === "text-logs")!;
        assert.match(textLogs.message, /loggingConfig\.logFormat "Text"/);
        const mandatory = baseline.findings.filter((finding) => finding.enforcementLevel === "mandatory").length;
        assert.deepEqual(baseline.summary, { resources: baseline.summary.resources, findings: baseline.findings.length, mandatory, notEvaluated: 0 });
        const estate = estateFor(PAGED_REGION);
        assert.ok(baseline.summary.resources > estate.functions.length + estate.logGroups.length, `resources counted: ${baseline.summary.resources}`);

        const inPagedRegion = calls.filter((call) => call.region === PAGED_REGION).map((call) => call.operation);
        assert.equal(inPagedRegion.filter((operation) => operation === "ListFunctions").length, 2, "ListFunctions pages for 64 functions");
        assert.equal(inPagedRegion.filter((operation) => operation === "DescribeLogGroups").length, 2, "DescribeLogGroups pages for > 50 groups");
        assert.ok(!calls.some((call) => /^(GetFunction|GetFunctionConfiguration|ListTags|ListTagsForResource|ListTagsLogGroup)$/.test(call.operation)), "no per-resource calls");
    });

    it("writes the same findings as a table, Markdown, valid SARIF 2.1.0 and parseable JUnit", async function () {
        const args = ["--regions", REGIONS.join(",")];
        const table = await audit([...args, "--format", "table"]);
        assert.equal(table.code, 1);
        assert.match(table.stdout, new RegExp(`${baseline.summary.resources} resources in 1 account\\(s\\) and 2 region\\(s\\): ${baseline.findings.length} finding\\(s\\), ${baseline.summary.mandatory} mandatory, 2 waived, 0 not evaluated`));
        for (const finding of baseline.findings) {
            assert.ok(table.stdout.includes(finding.policy.slice(0, 20)), `table shows ${finding.policy}`);
        }

        const markdown = await audit([...args, "--format", "markdown"]);
        const findingRows = markdown.stdout.split("\n").filter((line) => /^\| \d{12} \|/.test(line));
        assert.deepEqual(findingRows.length, baseline.findings.length);
        for (const finding of baseline.findings) {
            assert.ok(findingRows.some((row) => row.includes(`\`${finding.arn}\``) && row.includes(`| ${finding.policy} |`)), `markdown row for ${tuple(finding)}`);
        }

        const sarifRun = await audit([...args, "--format", "sarif"]);
        const sarif = JSON.parse(sarifRun.stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
        assert.deepEqual(sarifProblems(sarif), []);
        assert.deepEqual(
            sarif.runs[0].results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri} ${result.ruleId} ${result.level} ${result.message.text}`).sort(),
            baseline.findings.map((finding) => `${finding.arn} ${finding.policy} ${finding.enforcementLevel === "mandatory" ? "error" : "warning"} ${finding.message}`).sort(),
        );

        const junitRun = await audit([...args, "--format", "junit"]);
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(junitRun.stdout) as {
            testsuites: { testsuite: Array<{ name: string; testcase: Array<{ name: string; failure?: { message: string; type: string }; skipped?: unknown }> }> };
        };
        const failures = xml.testsuites.testsuite.flatMap((suite) =>
            suite.testcase.filter((testcase) => testcase.failure).map((testcase) => `${testcase.name} ${suite.name} ${testcase.failure!.type} ${testcase.failure!.message}`),
        );
        assert.deepEqual(failures.sort(), baseline.findings.map((finding) => `${finding.arn} ${finding.policy} ${finding.enforcementLevel} ${finding.message}`).sort());
        const skipped = xml.testsuites.testsuite.flatMap((suite) => suite.testcase.filter((testcase) => testcase.skipped !== undefined).map((testcase) => `${suite.name} ${testcase.name}`));
        assert.deepEqual(skipped.sort(), baseline.waived.map((waiver) => `${waiver.policy} ${waiver.arn}`).sort());
    });

    it("reports exactly the same findings when a share of calls is throttled", async function () {
        const proxy = await startFaultProxy(emulator.endpoint, { throttleShare: 0.4 });
        try {
            const run = await audit(["--regions", REGIONS.join(","), "--format", "json"], { endpoint: proxy.endpoint });
            assert.equal(run.code, 1, run.stderr);
            assert.ok(proxy.stats.throttled >= 3, `the proxy throttled ${proxy.stats.throttled} requests`);
            assert.deepEqual(parseJson(run), baseline);
        } finally {
            await proxy.stop();
        }
    });

    it("lists calls whose throttling outlasts the retries as not evaluated and exits 2", async function () {
        const plan: FaultPlan = { throttleShare: 1, throttleServices: ["lambda"] };
        const proxy = await startFaultProxy(emulator.endpoint, plan);
        try {
            const run = await audit(["--regions", PAGED_REGION, "--format", "json", "--max-attempts", "1"], { endpoint: proxy.endpoint });
            const report = parseJson(run);
            assert.equal(run.code, 2);
            assert.deepEqual(
                report.notEvaluated.map((entry) => `${entry.region} ${entry.service} ${entry.arn}`),
                [`${PAGED_REGION} lambda null`, `${PAGED_REGION} stack-policies null`],
            );
            assert.match(report.notEvaluated[0].reason, /ListFunctions failed: TooManyRequestsException/);
            assert.ok(!report.findings.some((finding) => finding.type === "aws:lambda/function:Function"));
            assert.ok(report.findings.some((finding) => finding.policy === "log-group-retention"), "log groups are still evaluated");
        } finally {
            await proxy.stop();
        }
    });

    it("lists a region that denies access as not evaluated, reports the other fully, and exits 2", async function () {
        const proxy = await startFaultProxy(emulator.endpoint, { denyRegion: "eu-west-1" });
        try {
            const run = await audit(["--regions", REGIONS.join(","), "--format", "json"], { endpoint: proxy.endpoint });
            const report = parseJson(run);
            assert.equal(run.code, 2);
            assert.deepEqual(report.regions, [...REGIONS]);
            assert.deepEqual(
                report.notEvaluated.map((entry) => `${entry.region} ${entry.service} ${entry.arn}`),
                ["eu-west-1 apigateway null", "eu-west-1 apigatewayv2 null", "eu-west-1 lambda null", "eu-west-1 logs null", "eu-west-1 stack-policies null"],
            );
            for (const entry of report.notEvaluated.filter((entry) => entry.service !== "stack-policies")) {
                assert.match(entry.reason, /AccessDeniedException/);
            }
            assert.deepEqual(report.findings, baseline.findings.filter((finding) => finding.region === "us-east-1"));
            assert.equal(report.summary.notEvaluated, 5);
        } finally {
            await proxy.stop();
        }
    });

    it("audits every account of the organization through the named role", async function () {
        const organizations = new OrganizationsClient({ region: "us-east-1" });
        try {
            await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
            const created = await organizations.send(new CreateAccountCommand({ AccountName: "workloads", Email: "workloads@example.com" }));
            const member = created.CreateAccountStatus!.AccountId!;
            await seedDirect(emulator.endpoint, {
                account: member,
                region: "us-west-1",
                roles: ["svc"],
                functions: [{ FunctionName: "member-fn", Role: `arn:aws:iam::${member}:role/svc`, Runtime: "nodejs20.x", Handler: "index.handler", Code: {}, TracingConfig: { Mode: "Active" } }],
                logGroups: [{ name: "/aws/lambda/member-fn", retentionInDays: 365, kmsKeyId: "k" }],
            });
            const run = await audit(["--org", "--role-name", "observability-auditor", "--regions", "us-west-1", "--format", "json"]);
            const report = parseJson(run);
            assert.deepEqual(report.accounts, [ACCOUNT_ID, member].sort());
            assert.deepEqual(report.notEvaluated, []);
            assert.deepEqual(
                report.findings.map((finding) => `${finding.account} ${finding.name} ${finding.policy}`),
                [`${member} member-fn lambda-structured-logging`],
            );
            assert.equal(run.code, 1);
            const only = await audit(["--org", "--role-name", "observability-auditor", "--accounts", member, "--regions", "us-west-1", "--format", "json"]);
            assert.deepEqual(parseJson(only).accounts, [member]);
            // An account that was asked for but is not a member is listed as not evaluated, never dropped.
            const stranger = "999999999999";
            const partial = await audit(["--org", "--role-name", "observability-auditor", "--accounts", `${member},${stranger}`, "--regions", "us-west-1", "--format", "json"]);
            assert.equal(partial.code, 2);
            assert.deepEqual(
                parseJson(partial).notEvaluated.map((entry) => [entry.account, entry.region, entry.service, entry.reason]),
                [[stranger, "us-west-1", "organizations", `account ${stranger} is not a member of the organization`]],
            );
        } finally {
            organizations.destroy();
        }
    });

    it("lists another account asked for without --role-name as not evaluated instead of guessing a role", async function () {
        const other = "222222222222";
        const run = await audit(["--accounts", `${ACCOUNT_ID},${other}`, "--regions", "us-east-1", "--format", "json"]);
        assert.equal(run.code, 2, run.stderr);
        const report = parseJson(run);
        assert.deepEqual(report.accounts, [ACCOUNT_ID, other]);
        assert.ok(report.findings.every((finding) => finding.account === ACCOUNT_ID));
        assert.deepEqual(
            report.notEvaluated.map((entry) => [entry.account, entry.service]),
            [[other, "sts"]],
        );
        assert.match(report.notEvaluated[0].reason, /not the caller's .*pass --role-name NAME/);
    });

    it("defaults to every region the account has enabled", async function () {
        const { targets } = await resolveTargets({
            credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
            homeRegion: "us-east-1",
            org: false,
            maxAttempts: 3,
            onCall: (call) => calls.push(call),
        });
        assert.equal(targets.length, 1);
        assert.ok(targets[0].regions.includes("us-east-1") && targets[0].regions.includes("eu-west-1") && targets[0].regions.length > 10, targets[0].regions.join(","));
    });

    it("--fix applies the remediations, reports each change, and a second audit no longer finds them", async function () {
        const region = "us-west-2";
        const seededFix = await seedRegion({
            region,
            functions: [compliantFunction("fix-tracing", { tracing: "PassThrough" }), compliantFunction("fix-logs", { logging: { LogFormat: "Text" } })],
            logGroups: [compliantLogGroup("/aws/lambda/fix-tracing"), compliantLogGroup("/aws/lambda/fix-logs"), compliantLogGroup("/fix/retention", { retentionInDays: 7 }), compliantLogGroup("/apigw/access")],
            restApis: [compliantRestApi(region, "fix-rest", { tracing: false })],
            v2Apis: [],
        });
        const before = parseJson(await audit(["--regions", region, "--format", "json"]));
        assert.deepEqual(before.findings.map((finding) => `${finding.name} ${finding.policy}`).sort(), [
            "/fix/retention log-group-retention",
            "fix-logs lambda-structured-logging",
            "fix-rest/prod rest-stage-xray-tracing",
            "fix-tracing lambda-tracing-active",
        ]);
        assert.equal((await audit(["--regions", region, "--fix"])).code, 2, "--fix without --yes and without a terminal is a usage error");

        const fixed = await audit(["--regions", region, "--format", "json", "--fix", "--yes"], { recordInto: fixCalls });
        const apiId = seededFix.restApiIds.get("fix-rest")!;
        const changes = fixed.stderr.split("\n").filter((line) => line.startsWith("fixed "));
        assert.deepEqual(changes.sort(), [
            `fixed ${ACCOUNT_ID} ${region} arn:aws:apigateway:${region}::/restapis/${apiId}/stages/prod: rest-stage-xray-tracing: apigateway:UpdateStage replace /tracingEnabled=true`,
            `fixed ${ACCOUNT_ID} ${region} arn:aws:lambda:${region}:${ACCOUNT_ID}:function:fix-logs: lambda-structured-logging: lambda:UpdateFunctionConfiguration LoggingConfig={LogFormat=JSON, ApplicationLogLevel=INFO, SystemLogLevel=INFO}`,
            `fixed ${ACCOUNT_ID} ${region} arn:aws:lambda:${region}:${ACCOUNT_ID}:function:fix-tracing: lambda-tracing-active: lambda:UpdateFunctionConfiguration TracingConfig.Mode=Active`,
            `fixed ${ACCOUNT_ID} ${region} arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:/fix/retention: log-group-retention: logs:PutRetentionPolicy retentionInDays=365`,
        ]);
        assert.deepEqual(parseJson(fixed).findings, [], "the report after --fix shows the state after the changes");
        assert.equal(fixed.code, 0);

        const after = await audit(["--regions", region, "--format", "json"]);
        assert.deepEqual(parseJson(after).findings, []);
        assert.equal(after.code, 0);
    });

    it("takes the pack config the preview takes: levels and settings per policy", async function () {
        const file = path.join(os.tmpdir(), `auditor-policy-config-${process.pid}.json`);
        fs.writeFileSync(
            file,
            JSON.stringify({
                "log-group-encryption": "disabled",
                "websocket-execution-logging": "advisory",
                "log-group-retention": { environment: "dev" },
                "lambda-log-group-declared": { environment: "dev" },
                "rest-stage-log-groups-declared": { environment: "dev" },
            }),
        );
        try {
            const run = await audit(["--regions", PAGED_REGION, "--format", "json", "--policy-config", file]);
            const report = parseJson(run);
            const expected = baseline.findings
                .filter((finding) => finding.region === PAGED_REGION)
                .filter((finding) => finding.policy !== "log-group-encryption")
                // 30 and 14 days meet the dev minimum of 7 days.
                .filter((finding) => !["short-retention", "/aws/lambda/short-retention", "half-rest/prod"].includes(finding.name) || !/retention|log-groups?-declared/.test(finding.policy))
                .filter((finding) => !finding.name.startsWith("API-Gateway-Execution-Logs_"))
                .map((finding) => (finding.policy === "websocket-execution-logging" ? { ...finding, enforcementLevel: "advisory" as const } : finding));
            assert.deepEqual(report.findings.map(tuple).sort(), expected.map(tuple).sort());
        } finally {
            fs.rmSync(file, { force: true });
        }
    });

    it("rejects bad usage with exit 2 and a message naming the option, the value and what is allowed", async function () {
        const cases: Array<[string[], RegExp]> = [
            [["--org"], /--org needs --role-name/],
            [["--regions", "mars-1"], /--regions "mars-1" is not a comma-separated list of regions such as us-east-1/],
            [["--accounts", "12345"], /--accounts "12345" is not a comma-separated list of 12-digit account ids/],
            [["--format", "pdf"], /Allowed choices are table, json, sarif, junit, markdown/],
            [["--concurrency", "0"], /--concurrency "0" must be a whole number from 1 to 64/],
            [["--yes"], /--yes only confirms --fix/],
        ];
        for (const [args, message] of cases) {
            const run = await audit(args);
            assert.equal(run.code, 2, `exit code for ${args.join(" ")}`);
            assert.match(run.stderr, message);
        }
        const badConfig = await audit(["--regions", "us-east-1", "--policy-config", path.join(__dirname, "no-such-config.json")]);
        assert.equal(badConfig.code, 2);
        assert.match(badConfig.stderr, /cannot read policy config/);
        const typo = path.join(os.tmpdir(), `auditor-policy-typo-${process.pid}.json`);
        fs.writeFileSync(typo, JSON.stringify({ "lambda-tracing": "advisory" }));
        try {
            const run = await audit(["--regions", "us-east-1", "--policy-config", typo]);
            assert.equal(run.code, 2);
            assert.match(run.stderr, /"lambda-tracing" is not a policy of observability-guardrails; its policies are: lambda-tracing-active/);
        } finally {
            fs.rmSync(typo, { force: true });
        }
    });

    it("runs as the installed command: one JSON document on stdout and the exit code", function () {
        const child = spawnSync(path.join(__dirname, "..", "..", "auditor", "bin.js"), ["--regions", "us-east-1", "--format", "json"], {
            cwd: path.join(__dirname, "..", ".."),
            env: { ...process.env, ...emulatorEnv(emulator.endpoint) },
            encoding: "utf8",
        });
        assert.equal(child.status, 1, child.stderr);
        const report = JSON.parse(child.stdout) as AuditReport;
        assert.deepEqual(report.findings, baseline.findings.filter((finding) => finding.region === "us-east-1"));
    });

    it("ships read-only and fix IAM policies that allow exactly the actions the auditor calls", function () {
        const readActions = [...new Set(calls.map(iamActionFor))].sort();
        const fixOnly = [...new Set(fixCalls.map(iamActionFor))].filter((action) => !readActions.includes(action)).sort();
        assert.deepEqual([...allowedActions(auditorReadOnlyPolicy())].sort(), readActions);
        assert.deepEqual([...allowedActions(auditorFixPolicy())].sort(), fixOnly);
    });
});
