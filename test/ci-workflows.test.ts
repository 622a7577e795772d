import * as assert from "assert";
import { existsSync, readFileSync, readdirSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

/**
 * The GitHub Actions workflows against the repository they run in: a renamed npm script, a new
 * or removed stack, a missing policy-pack config or a lost prod gate breaks this test instead
 * of the first run on GitHub.
 */

const ROOT = path.resolve(__dirname, "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string | number | boolean>;
}

interface Job {
    "runs-on": string;
    needs?: string | string[];
    environment?: string | { name: string };
    permissions?: Record<string, string>;
    strategy?: { matrix?: { stack?: string[] } };
    steps: Step[];
}

interface Workflow {
    on: Record<string, unknown>;
    permissions?: Record<string, string>;
    jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
const workflows: Record<string, Workflow> = Object.fromEntries(
    workflowFiles.map((file) => [file, parse(readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow]),
);
const stacks = readdirSync(ROOT)
    .map((file) => /^Pulumi\.([A-Za-z0-9_-]+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

const stepsUsing = (job: Job, action: string) => job.steps.filter((step) => step.uses?.split("@")[0] === action);
const runs = (job: Job) => job.steps.map((step) => step.run).filter((run): run is string => run !== undefined);
const environmentOf = (job: Job) => (typeof job.environment === "object" ? job.environment.name : job.environment);
const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);

/** Each value a `${{ matrix.stack }}` expression takes in the job (or the text itself). */
function expand(job: Job, text: string): string[] {
    return text.includes("${{ matrix.stack }}") ? (job.strategy?.matrix?.stack ?? []).map((stack) => text.split("${{ matrix.stack }}").join(stack)) : [text];
}

function pulumiStep(job: Job): NonNullable<Step["with"]> {
    const found = stepsUsing(job, "pulumi/actions");
    assert.strictEqual(found.length, 1, "one pulumi/actions step");
    return found[0].with ?? {};
}

describe("CI workflows", () => {
    it("exist for pull requests, deployment and the scheduled audit", () => {
        assert.deepStrictEqual(Object.keys(workflows).sort(), ["audit.yml", "deploy.yml", "pull-request.yml"]);
        assert.ok(stacks.length > 0, "the repository has Pulumi.<stack>.yaml files");
    });

    it("pin every action to a major version and set up Node 20 with the npm cache wherever npm runs", () => {
        for (const [file, workflow] of Object.entries(workflows)) {
            for (const [name, job] of Object.entries(workflow.jobs)) {
                for (const step of job.steps.filter((s) => s.uses !== undefined)) {
                    assert.match(step.uses ?? "", /^[\w.-]+\/[\w./-]+@v\d+$/, `${file} ${name}: "${step.uses}" is pinned to a major version`);
                }
                if (runs(job).some((run) => /\bnpm\b/.test(run))) {
                    const setup = stepsUsing(job, "actions/setup-node");
                    assert.strictEqual(setup.length, 1, `${file} ${name} sets up Node`);
                    assert.strictEqual(String(setup[0].with?.["node-version"]), "20", `${file} ${name}: Node 20`);
                    assert.strictEqual(setup[0].with?.cache, "npm", `${file} ${name}: npm cache`);
                    assert.ok(runs(job).includes("npm ci"), `${file} ${name} installs with npm ci`);
                }
            }
        }
    });

    it("run only npm scripts that package.json defines", () => {
        for (const [file, workflow] of Object.entries(workflows)) {
            for (const job of Object.values(workflow.jobs)) {
                for (const run of runs(job)) {
                    for (const match of run.matchAll(/\bnpm run(?:\s+--?[\w-]+)*\s+([\w:.-]+)/g)) {
                        assert.ok(scripts.includes(match[1]), `${file} runs "npm run ${match[1]}", which package.json scripts do not define (${scripts.join(", ")})`);
                    }
                }
            }
        }
    });

    it("point pulumi/actions at the policy pack and at policy-pack config files that exist", () => {
        for (const [file, workflow] of Object.entries(workflows)) {
            for (const [name, job] of Object.entries(workflow.jobs)) {
                const texts = [
                    ...stepsUsing(job, "pulumi/actions").flatMap((step) => (step.with?.policyPackConfigs === undefined ? [] : [String(step.with.policyPackConfigs)])),
                    ...runs(job).flatMap((run) => [...run.matchAll(/--policy-pack-config[= ](\S+)/g)].map((m) => m[1])),
                ];
                for (const config of texts.flatMap((text) => expand(job, text))) {
                    assert.ok(existsSync(path.join(ROOT, config)), `${file} ${name} uses policy-pack config ${config}, which does not exist`);
                }
                for (const step of stepsUsing(job, "pulumi/actions")) {
                    assert.strictEqual(step.with?.policyPacks, "policies", `${file} ${name} runs the policies pack`);
                    assert.ok(existsSync(path.join(ROOT, "policies", "PulumiPolicy.yaml")));
                }
            }
        }
    });

    describe("pull-request.yml", () => {
        const workflow = workflows["pull-request.yml"];

        it("runs on pull requests: installs the AWS emulator the tests need, then npm ci and npm test", () => {
            assert.ok("pull_request" in workflow.on);
            assert.deepStrictEqual(runs(workflow.jobs.test), ['python -m pip install "moto[server]==5.2.1"', "npm ci", "npm test"]);
        });

        it("previews every stack offline and uploads the SARIF to code scanning, even when violations fail the step", () => {
            const job = workflow.jobs["offline-preview"];
            assert.deepStrictEqual([...(job.strategy?.matrix?.stack ?? [])].sort(), stacks);
            const preview = runs(job).find((run) => /npm run .*preview/.test(run)) ?? "";
            assert.match(preview, /npm run (--silent )?preview -- --stack \$\{\{ matrix\.stack \}\} --format sarif > (.+)$/);
            const sarifFile = / > (.+)$/.exec(preview)?.[1];
            const upload = stepsUsing(job, "github/codeql-action/upload-sarif");
            assert.strictEqual(upload.length, 1);
            assert.strictEqual(upload[0].with?.sarif_file, sarifFile);
            assert.strictEqual(upload[0].if, "always()");
            assert.strictEqual(job.permissions?.["security-events"], "write");
        });

        it("runs pulumi preview with the policy pack for every stack", () => {
            const job = workflow.jobs["pulumi-preview"];
            assert.deepStrictEqual([...(job.strategy?.matrix?.stack ?? [])].sort(), stacks);
            const inputs = pulumiStep(job);
            assert.strictEqual(inputs.command, "preview");
            assert.strictEqual(inputs["stack-name"], "${{ matrix.stack }}");
            assert.strictEqual(inputs.policyPackConfigs, "policies/config/${{ matrix.stack }}.json");
        });
    });

    describe("deploy.yml", () => {
        const workflow = workflows["deploy.yml"];
        const upJobs = Object.entries(workflow.jobs).filter(([, job]) => pulumiStep(job).command === "up");

        it("runs on pushes to main", () => {
            assert.deepStrictEqual((workflow.on.push as { branches: string[] }).branches, ["main"]);
        });

        it("runs pulumi up once per stack, chained dev → staging → prod", () => {
            const order = ["dev", "staging", "prod"].filter((stack) => stacks.includes(stack));
            assert.deepStrictEqual(upJobs.map(([, job]) => String(pulumiStep(job)["stack-name"])).sort(), [...stacks].sort(), "every stack is deployed");
            const jobOf = (stack: string) => upJobs.find(([, job]) => pulumiStep(job)["stack-name"] === stack);
            order.forEach((stack, index) => {
                const [name, job] = jobOf(stack) ?? [];
                assert.ok(job && name, `a job deploys ${stack}`);
                const expected = index === 0 ? [] : [jobOf(order[index - 1])?.[0]];
                assert.deepStrictEqual(needsOf(job), expected, `${name} waits for the previous stack`);
                assert.strictEqual(environmentOf(job), stack, `${name} runs in the ${stack} environment`);
            });
        });

        it("gates prod behind the prod environment", () => {
            const prod = upJobs.find(([, job]) => pulumiStep(job)["stack-name"] === "prod");
            assert.ok(prod, "a job deploys prod");
            assert.strictEqual(environmentOf(prod[1]), "prod");
        });
    });

    describe("audit.yml", () => {
        const workflow = workflows["audit.yml"];

        it("runs on a schedule and on demand with least permissions", () => {
            const schedule = workflow.on.schedule as { cron: string }[];
            assert.match(schedule[0].cron, /^(\S+\s+){4}\S+$/, "a five-field cron expression");
            assert.ok("workflow_dispatch" in workflow.on);
            assert.deepStrictEqual(workflow.permissions, { contents: "read", "id-token": "write", "security-events": "write" });
        });

        it("assumes a role over OIDC, audits to SARIF and uploads it", () => {
            const job = workflow.jobs.audit;
            const credentials = stepsUsing(job, "aws-actions/configure-aws-credentials");
            assert.strictEqual(credentials.length, 1);
            assert.ok(credentials[0].with?.["role-to-assume"], "role-to-assume is set");
            assert.strictEqual(credentials[0].with?.["aws-access-key-id"], undefined, "no long-lived keys");
            assert.ok(runs(job).includes("npm run audit -- --format sarif --output audit.sarif"));
            const upload = stepsUsing(job, "github/codeql-action/upload-sarif");
            assert.strictEqual(upload[0]?.with?.sarif_file, "audit.sarif");
            assert.strictEqual(upload[0]?.if, "always()");
        });
    });
});
