import type { EnforcementLevel } from "@pulumi/policy";
import { readPolicyConfigFile, resolvePolicyConfig } from "../engine/policy-config";
import type { AnalyzerInfo } from "../engine/analyzer-client";
import { allPolicies, policyDefinitions } from "../policies/catalog";
import { resolveGuardrailConfig, type GuardrailConfig } from "../policies/lib/config";
import type { PolicyDefinition } from "../policies/lib/policy";

/**
 * The pack's policies as `--policy-config FILE` configures them, in the very format that
 * `pulumi preview --policy-pack-config` and the offline preview read (and checked by the same
 * code): each policy with its enforcement level and its own resolved settings.
 */

export interface ConfiguredPolicy {
    definition: PolicyDefinition;
    level: Exclude<EnforcementLevel, "disabled">;
    config: GuardrailConfig;
}

const PACK_NAME = "observability-guardrails";

function packInfo(): AnalyzerInfo {
    return {
        name: PACK_NAME,
        version: "",
        policies: allPolicies.map((policy) => ({
            name: policy.name,
            displayName: policy.name,
            description: policy.description,
            enforcementLevel: policy.enforcementLevel ?? "advisory",
            configSchema: policy.configSchema
                ? { properties: policy.configSchema.properties as Record<string, unknown>, required: policy.configSchema.required ?? [] }
                : undefined,
        })),
    };
}

/** Throws PolicyConfigError or GuardrailConfigError naming every problem. */
export function configuredPolicies(configFile: string | undefined, today?: string): ConfiguredPolicy[] {
    const raw = configFile ? readPolicyConfigFile(configFile) : {};
    const resolved = resolvePolicyConfig(raw, packInfo(), configFile ?? "policy config");
    const result: ConfiguredPolicy[] = [];
    for (const definition of policyDefinitions) {
        const entry = resolved[definition.name];
        const level = entry?.enforcementLevel ?? definition.enforcementLevel;
        if (level === "disabled") {
            continue;
        }
        result.push({ definition, level, config: resolveGuardrailConfig(entry?.properties ?? {}, { today }) });
    }
    return result;
}
