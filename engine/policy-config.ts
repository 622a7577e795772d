import * as fs from "fs";
import Ajv from "ajv";
import { ENFORCEMENT_LEVELS as LEVELS, type AnalyzerInfo, type EnforcementLevel, type PolicyPackConfig } from "./analyzer-client";

/**
 * Reads policy pack config in the format `pulumi preview --policy-pack-config FILE` takes:
 *
 *   { "all": "advisory",                                   // every policy's enforcement level
 *     "<policy>": "mandatory",                             // one policy's enforcement level
 *     "<policy>": { "enforcementLevel": "remediate", "<property>": <value>, ... } }
 *
 * and validates it against the pack's policies and their config schemas, so that a typo in a
 * policy name or a property fails loudly instead of being ignored.
 */

export class PolicyConfigError extends Error {}


function parseLevel(value: unknown, where: string): EnforcementLevel {
    if (typeof value === "string" && (LEVELS as string[]).includes(value)) {
        return value as EnforcementLevel;
    }
    throw new PolicyConfigError(`${where}: enforcement level ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`);
}

export function readPolicyConfigFile(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new PolicyConfigError(`cannot read policy config ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
        const parsed = JSON.parse(text) as unknown;
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
            throw new PolicyConfigError(`${file}: policy config must be a JSON object keyed by policy name (or "all")`);
        }
        return parsed as Record<string, unknown>;
    } catch (err) {
        if (err instanceof PolicyConfigError) throw err;
        throw new PolicyConfigError(`${file}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
}

/**
 * Normalises raw config to the full per-policy settings the engine sends with `Configure`,
 * checking policy names, levels and properties against the pack's schemas.
 */
export function resolvePolicyConfig(raw: Record<string, unknown>, info: AnalyzerInfo, source: string): PolicyPackConfig {
    const problems: string[] = [];
    const ajv = new Ajv({ allErrors: true, strict: false });
    const byName = new Map(info.policies.map((p) => [p.name, p]));
    const result: PolicyPackConfig = {};
    let allLevel: EnforcementLevel | undefined;

    for (const [key, value] of Object.entries(raw)) {
        try {
            if (key === "all") {
                const level = typeof value === "object" && value !== null ? (value as { enforcementLevel?: unknown }).enforcementLevel : value;
                allLevel = parseLevel(level, `${source}: "all"`);
                continue;
            }
            const policy = byName.get(key);
            if (!policy) {
                problems.push(`${source}: "${key}" is not a policy of ${info.name}; its policies are: ${[...byName.keys()].join(", ")}`);
                continue;
            }
            if (typeof value === "string") {
                result[key] = { enforcementLevel: parseLevel(value, `${source}: "${key}"`), properties: {} };
                continue;
            }
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
                problems.push(`${source}: "${key}" must be an enforcement level or an object, not ${JSON.stringify(value)}`);
                continue;
            }
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            const schemaProperties = policy.configSchema?.properties ?? {};
            for (const property of Object.keys(properties)) {
                if (!(property in schemaProperties)) {
                    const allowed = Object.keys(schemaProperties);
                    problems.push(
                        `${source}: "${key}.${property}" is not a setting of policy ${key}; ` +
                            (allowed.length ? `its settings are: ${allowed.join(", ")}` : "it has no settings"),
                    );
                }
            }
            if (policy.configSchema) {
                const validate = ajv.compile({ type: "object", properties: schemaProperties, required: policy.configSchema.required });
                if (!validate(properties)) {
                    for (const e of validate.errors ?? []) {
                        const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
                        problems.push(
                            `${source}: "${key}${e.instancePath.replace(/\//g, ".")}" ${e.message ?? "is invalid"}` +
                                (allowed ? `: ${allowed.map((v) => JSON.stringify(v)).join(", ")}` : ""),
                        );
                    }
                }
            }
            result[key] = {
                enforcementLevel: enforcementLevel === undefined ? undefined : parseLevel(enforcementLevel, `${source}: "${key}.enforcementLevel"`),
                properties,
            };
        } catch (err) {
            problems.push(err instanceof Error ? err.message : String(err));
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems.join("\n"));
    }
    // Like the CLI, send every policy its full config: the level (policy entry, else "all", else
    // the policy's default) and its schema defaults overlaid with what the file sets.
    const resolved: PolicyPackConfig = {};
    for (const policy of info.policies) {
        const defaults: Record<string, unknown> = {};
        for (const [property, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (typeof schema === "object" && schema !== null && "default" in schema) {
                defaults[property] = (schema as { default: unknown }).default;
            }
        }
        const entry = result[policy.name];
        resolved[policy.name] = {
            enforcementLevel: entry?.enforcementLevel ?? allLevel ?? policy.enforcementLevel,
            properties: { ...defaults, ...(entry?.properties ?? {}) },
        };
    }
    return resolved;
}
