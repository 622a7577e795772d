import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramError, readProject, readStackConfig, runProgram } from "../../engine/program-runner";
import { NONCOMPLIANT_PROGRAM, PROJECT_DIR } from "./support";

describe("engine/program-runner", () => {
    it("runs a program under mocks and records every registration with parent, inputs and options", async () => {
        const run = await runProgram({ programDir: NONCOMPLIANT_PROGRAM, stack: "dev" });
        assert.strictEqual(run.project, "noncompliant-fixture");
        assert.strictEqual(run.region, "eu-west-1");
        const stack = run.resources.find((r) => r.type === "pulumi:pulumi:Stack");
        assert.ok(stack, "the stack root resource is registered");
        assert.strictEqual(stack.parent, null);
        const functions = run.resources.filter((r) => r.type === "aws:lambda/function:Function");
        assert.deepStrictEqual(functions.map((f) => f.name).sort(), ["good-fn", "text-fn", "untraced-fn"]);
        for (const r of run.resources.filter((r) => r !== stack)) {
            assert.strictEqual(r.parent, stack.urn, `${r.name} is parented to the stack`);
        }
        const untraced = functions.find((f) => f.name === "untraced-fn");
        assert.deepStrictEqual(untraced?.properties.loggingConfig, { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "WARN" });
        assert.strictEqual(untraced?.properties.tracingConfig, undefined);
        const stage = run.resources.find((r) => r.type === "aws:apigateway/stage:Stage");
        const api = run.resources.find((r) => r.type === "aws:apigateway/restApi:RestApi");
        assert.ok(stage && api);
        assert.match(String(stage.properties.restApi), /^[0-9a-f]{10}$/, "a REST API id looks like API Gateway's");
        assert.ok(stage.dependencies.length > 0, "dependencies are recorded");
    });

    it("reads project defaults and stack config the way the CLI passes them", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-config-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: demo\nruntime: nodejs\nconfig:\n  greeting:\n    default: hello\n");
        fs.writeFileSync(
            path.join(dir, "Pulumi.test.yaml"),
            "config:\n  aws:region: eu-central-1\n  demo:count: 3\n  demo:settings:\n    nested: [1, 2]\n  demo:token:\n    secure: v1:abc\n",
        );
        const project = readProject(dir);
        assert.throws(() => readStackConfig(dir, project, "test"), (err: Error) => {
            assert.ok(err instanceof ProgramError);
            assert.match(err.message, /demo:token is encrypted/);
            assert.match(err.message, /--secret demo:token=/);
            return true;
        });
        const { config, secretKeys } = readStackConfig(dir, project, "test", { "demo:token": "s3cret" });
        assert.deepStrictEqual(config, {
            "demo:greeting": "hello",
            "aws:region": "eu-central-1",
            "demo:count": "3",
            "demo:settings": '{"nested":[1,2]}',
            "demo:token": "s3cret",
        });
        assert.deepStrictEqual(secretKeys, ["demo:token"]);
        assert.throws(() => readStackConfig(dir, project, "prod"), /stack "prod" has no config file .*stacks with a config file here: test/);
    });

    it("refuses a directory that is not a nodejs Pulumi program", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-bad-"));
        assert.throws(() => readProject(dir), /has no Pulumi.yaml/);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: py\nruntime: python\n");
        assert.throws(() => readProject(dir), /runtime is "python"/);
    });

    it("says so when the program's dependencies are not installed", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-no-deps-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: nodeps\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
        fs.writeFileSync(path.join(dir, "index.ts"), "export const x = 1;\n");
        await assert.rejects(runProgram({ programDir: dir, stack: "dev" }), /@pulumi\/pulumi cannot be found from .*npm install/);
    });

    it("reports a failing program with its error", async () => {
        // Inside the project so that the program resolves this project's @pulumi/pulumi.
        const dir = fs.mkdtempSync(path.join(PROJECT_DIR, "test", ".tmp-runner-throws-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: throws\nruntime: nodejs\n");
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
            fs.writeFileSync(path.join(dir, "index.js"), 'throw new Error("observability:environment is required");\n');
            await assert.rejects(runProgram({ programDir: dir, stack: "dev" }), /failed for stack "dev":[\s\S]*observability:environment is required/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
