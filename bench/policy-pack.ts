import { resourcePolicies, stackPolicies } from "../policies/catalog";
import { unknownCheckingProxy } from "../policies/lib/unknowns";
import { median, timeMs } from "./stats";
import { syntheticStack } from "./synthetic";

/**
 * The whole pack in process, called the way @pulumi/policy's Analyzer server calls it: every
 * resource policy on every resource (props behind the unknown-checking proxy, a config getter
 * per call), then every stack policy once over the whole stack.
 */
export interface PackResult {
    resources: number;
    runs: number;
    medianMs: number;
    microsecondsPerResource: number;
    violations: number;
}

const CONFIG = { environment: "dev" };

function runPack(resources: ReturnType<typeof syntheticStack>): number {
    let violations = 0;
    const report = (): void => {
        violations++;
    };
    const getConfig = <T extends object>(): T => CONFIG as T;
    for (const r of resources) {
        const args = { type: r.type, name: r.name, urn: r.urn, props: unknownCheckingProxy(r.properties), getConfig };
        for (const policy of resourcePolicies) {
            policy.validateResource(args, report);
        }
    }
    const stack = { resources: resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.properties })), getConfig };
    for (const policy of stackPolicies) {
        policy.validateStack(stack, report);
    }
    return violations;
}

export async function benchPolicyPack(sizes = [1_000, 10_000, 50_000], runs = 7): Promise<PackResult[]> {
    const results: PackResult[] = [];
    for (const size of sizes) {
        const resources = syntheticStack(size);
        runPack(resources);
        let violations = 0;
        const times: number[] = [];
        for (let run = 0; run < runs; run++) {
            times.push(await timeMs(() => (violations = runPack(resources))));
        }
        const medianMs = median(times);
        results.push({ resources: resources.length, runs, medianMs, microsecondsPerResource: (medianMs * 1000) / resources.length, violations });
    }
    return results;
}
