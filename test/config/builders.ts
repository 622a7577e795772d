import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigProblem, ConfigValidationError, RawEstateConfig, namespaceEntries, validateEstateConfig } from "../../config/load";

/** A compliant API service; tests change one field at a time. */
export function service(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: "order",
        kind: "api",
        slo: { availabilityPercent: 99.9, latencyP99Ms: 1000, errorRatePercent: 0.1 },
        runbookUrl: "https://runbooks.example.com/services/order",
        ...overrides,
    };
}

/** A compliant prod config with one service; `values` replace whole top-level settings. */
export function rawConfig(values: Record<string, unknown> = {}, secrets: Partial<RawEstateConfig> = {}): RawEstateConfig {
    return { values: { environment: "prod", services: [service()], ...values }, ...secrets };
}

/** Every problem validation reports (none when the config is valid). */
export function problemsOf(raw: RawEstateConfig): ConfigProblem[] {
    try {
        validateEstateConfig(raw);
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return [...error.problems];
        }
        throw error;
    }
}

/**
 * Asserts that validation reports exactly one problem, at `key`, whose message names the key,
 * the value as shown (long values are cut, so a prefix will do) and (a fragment of) what is
 * allowed. Returns the problem for more checks.
 */
export function expectSingleProblem(raw: RawEstateConfig, key: string, shownValue: string, allowed: string): ConfigProblem {
    const problems = problemsOf(raw);
    assert.equal(problems.length, 1, `expected one problem, got:\n${problems.map((p) => p.message).join("\n")}`);
    const [problem] = problems;
    assert.equal(problem.key, key);
    assert.ok(problem.message.startsWith(`${key} = ${shownValue}`), problem.message);
    assert.ok(problem.allowed.includes(allowed), `allowed text "${problem.allowed}" lacks "${allowed}"`);
    assert.ok(problem.message.includes(`allowed: ${problem.allowed}`), problem.message);
    return problem;
}

export const STACKS = ["dev", "staging", "prod"] as const;

/** The `observability:` settings of a stack file in the repository, as YAML values. */
export function stackFileValues(stack: (typeof STACKS)[number]): Record<string, unknown> {
    const file = path.join(__dirname, "..", "..", `Pulumi.${stack}.yaml`);
    const document = parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
    return namespaceEntries(document.config);
}
