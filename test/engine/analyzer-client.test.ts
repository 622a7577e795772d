import * as assert from "assert";
import { AnalyzerClient } from "../../engine/analyzer-client";
import type { RegisteredResource } from "../../engine/program-model";
import { MINIMAL_PACK } from "./support";

function logGroup(name: string, properties: Record<string, unknown>): RegisteredResource {
    return {
        urn: `urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::${name}`,
        type: "aws:cloudwatch/logGroup:LogGroup",
        name,
        parent: null,
        custom: true,
        provider: null,
        dependencies: [],
        properties,
        options: { protect: false, ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [] },
    };
}

describe("engine/analyzer-client (real run-policy-pack process, Analyzer gRPC)", () => {
    let client: AnalyzerClient;
    before(async () => {
        client = await AnalyzerClient.start(MINIMAL_PACK);
    });
    after(() => client.close());

    it("GetAnalyzerInfo returns the pack name, the version from its package.json and its policies", async () => {
        const info = await client.getAnalyzerInfo();
        assert.strictEqual(info.name, "minimal-fixture-pack");
        assert.strictEqual(info.version, "1.2.3");
        assert.deepStrictEqual(
            info.policies.map((p) => [p.name, p.enforcementLevel]),
            [
                ["retention-set", "mandatory"],
                ["has-log-group", "advisory"],
            ],
        );
        assert.deepStrictEqual(info.policies[0].configSchema?.properties, { minimumDays: { type: "number", default: 1 } });
    });

    it("Configure changes what Analyze reports; Analyze flags only the non-compliant resource", async () => {
        await client.configure({ "retention-set": { enforcementLevel: "mandatory", properties: { minimumDays: 30 } } });
        assert.deepStrictEqual(await client.analyze(logGroup("ok", { retentionInDays: 30 })), []);
        const diagnostics = await client.analyze(logGroup("short", { retentionInDays: 7 }));
        assert.strictEqual(diagnostics.length, 1);
        assert.strictEqual(diagnostics[0].policyName, "retention-set");
        assert.strictEqual(diagnostics[0].enforcementLevel, "mandatory");
        assert.strictEqual(diagnostics[0].urn, "urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::short");
        assert.match(diagnostics[0].message, /retentionInDays is 7; set at least 30/);
    });

    it("AnalyzeStack runs stack policies over all resources", async () => {
        const none = await client.analyzeStack([]);
        assert.deepStrictEqual(
            none.map((d) => [d.policyName, d.enforcementLevel]),
            [["has-log-group", "advisory"]],
        );
        assert.deepStrictEqual(await client.analyzeStack([logGroup("a", { retentionInDays: 30 })]), []);
    });

    it("Remediate returns the fixed properties at level remediate", async () => {
        await client.configure({ "retention-set": { enforcementLevel: "remediate", properties: { minimumDays: 1 } } });
        const remediations = await client.remediate(logGroup("unset", {}));
        assert.strictEqual(remediations.length, 1);
        assert.strictEqual(remediations[0].policyName, "retention-set");
        assert.deepStrictEqual(remediations[0].properties, { retentionInDays: 30 });
    });
});
