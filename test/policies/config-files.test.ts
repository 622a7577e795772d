import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allPolicies, policyNames } from "../../policies/catalog";
import { resolveGuardrailConfig } from "../../policies/lib/config";

/**
 * policies/config/<stack>.json is what CI passes to `pulumi preview --policy-pack-config` and
 * what the offline preview reads by default: one per stack file, naming every policy of the
 * pack with that stack's environment, and nothing the pack would reject.
 */
const ROOT = path.resolve(__dirname, "../..");
const stacks = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);

describe("policy pack config files", () => {
    it("exist for every stack of the project", () => {
        assert.deepStrictEqual(stacks.sort(), ["dev", "prod", "staging"]);
    });

    for (const stack of stacks) {
        it(`policies/config/${stack}.json configures every policy for the ${stack} environment`, () => {
            const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", `${stack}.json`), "utf8")) as Record<string, Record<string, unknown>>;
            assert.deepStrictEqual(Object.keys(config).sort(), [...policyNames].sort());
            for (const policy of allPolicies) {
                const settings = config[policy.name];
                const allowed = Object.keys(policy.configSchema?.properties ?? {});
                for (const key of Object.keys(settings)) {
                    assert.ok(allowed.includes(key), `${policy.name}.${key} is not in the policy's schema`);
                }
                assert.strictEqual(settings.environment, stack);
                assert.strictEqual(resolveGuardrailConfig(settings).environment, stack);
            }
        });
    }
});
