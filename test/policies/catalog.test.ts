import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

describe("policy catalog", () => {
    it("imports every policy module without constructing a PolicyPack or loading @pulumi/aws", () => {
        // A child process, because a started gRPC server would keep mocha alive and print a port.
        const script = `
            const server = require("@pulumi/policy/server");
            let served = false;
            server.serve = () => { served = true; };
            const glob = require("fs").readdirSync;
            const catalog = require("./policies/catalog");
            for (const dir of ["lambda", "logs", "apigateway", "stack", "lib"]) {
                for (const file of glob("./policies/" + dir)) require("./policies/" + dir + "/" + file);
            }
            require("./policies/evaluate");
            const awsLoaded = Object.keys(require.cache).some((file) => file.includes("/@pulumi/aws/"));
            process.stdout.write(JSON.stringify({ served, awsLoaded, names: catalog.policyNames }));
        `;
        const output = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: ROOT,
            encoding: "utf8",
            timeout: 60_000,
        });
        const result = JSON.parse(output) as { served: boolean; awsLoaded: boolean; names: string[] };
        assert.strictEqual(result.served, false);
        // The pack matches type tokens; loading @pulumi/aws would add seconds to every preview.
        assert.strictEqual(result.awsLoaded, false);
        assert.ok(result.names.length >= 12);
    });

    it("names every policy once, in kebab-case, with the constants of lib/names", async () => {
        const { policyNames } = await import("../../policies/catalog");
        const { POLICY_NAMES } = await import("../../policies/lib/names");
        assert.deepStrictEqual([...policyNames].sort(), Object.values(POLICY_NAMES).sort());
        assert.strictEqual(new Set(policyNames).size, policyNames.length);
        for (const name of policyNames) {
            assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        }
    });

    it("gives every policy a description citing each related control, a fix, and the documented default level", async () => {
        const { policyDefinitions } = await import("../../policies/catalog");
        const advisory = new Set(["log-group-encryption", "waivers-in-use"]);
        for (const definition of policyDefinitions) {
            for (const control of definition.controls) {
                assert.ok(definition.description.includes(control), `${definition.name} description lacks ${control}`);
            }
            assert.ok(definition.fix.length > 10, `${definition.name} has no fix text`);
            assert.strictEqual(definition.enforcementLevel, advisory.has(definition.name) ? "advisory" : "mandatory", definition.name);
        }
    });

    it("exposes config schemas with defaults, and never declares enforcementLevel (the server rejects that)", async () => {
        const { allPolicies } = await import("../../policies/catalog");
        for (const policy of allPolicies) {
            const properties = policy.configSchema?.properties ?? {};
            assert.ok(properties.environment && properties.waivers, `${policy.name} lacks the shared settings`);
            assert.strictEqual(properties.enforcementLevel, undefined);
        }
        const retention = allPolicies.find((policy) => policy.name === "log-group-retention");
        assert.deepStrictEqual(retention?.configSchema?.properties.minimumRetentionDays.default, { dev: 7, staging: 30, prod: 365 });
    });

    it("offers remediation exactly for tracing, log format, retention and REST stage tracing", async () => {
        const { resourcePolicies } = await import("../../policies/catalog");
        const remediating = resourcePolicies.filter((policy) => policy.remediateResource).map((policy) => policy.name);
        assert.deepStrictEqual(remediating.sort(), ["lambda-structured-logging", "lambda-tracing-active", "log-group-retention", "rest-stage-xray-tracing"]);
    });
});
