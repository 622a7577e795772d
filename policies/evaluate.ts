import type { EnforcementLevel } from "@pulumi/policy";
import { policyDefinitions, resourcePolicyDefinitions } from "./catalog";
import { resolveGuardrailConfig, type GuardrailConfig, type GuardrailSettings, type ResolveContext } from "./lib/config";
import { appliesTo, applyPatch, evaluateResourcePolicy, evaluateStackPolicy, waiverFor, type Violation } from "./lib/evaluation";
import type { PolicyName } from "./lib/names";
import type { PropertyPatch, StackResourceView } from "./lib/policy";

/**
 * Running the pack's policies without the Pulumi engine (the auditor, on live resources
 * mapped to Pulumi property shapes): the same definitions, waivers and messages as the pack.
 */

export interface EvaluationOptions {
    /** Level per policy, as `--policy-pack-config` would set it; `disabled` skips the policy. */
    enforcementLevels?: Partial<Record<PolicyName, EnforcementLevel>>;
    /** Only these policies (default: all). */
    policies?: readonly PolicyName[];
}

function selected(options: EvaluationOptions) {
    return policyDefinitions
        .filter((definition) => !options.policies || options.policies.includes(definition.name))
        .map((definition) => ({ definition, level: options.enforcementLevels?.[definition.name] ?? definition.enforcementLevel }))
        .filter(({ level }) => level !== "disabled");
}

/** One config for every policy, from one settings object (throws GuardrailConfigError when invalid). */
export function resolveSettings(settings: GuardrailSettings = {}, context: ResolveContext = {}): GuardrailConfig {
    return resolveGuardrailConfig(settings, context);
}

/**
 * Every violation of every enabled policy over `resources`: resource policies per resource,
 * stack policies over the whole set (pass one account-region at a time for the joins to hold).
 */
export function evaluateResources(
    resources: readonly StackResourceView[],
    config: GuardrailConfig,
    options: EvaluationOptions = {},
): Violation[] {
    const violations: Violation[] = [];
    for (const { definition, level } of selected(options)) {
        const found =
            definition.kind === "resource"
                ? resources.flatMap((resource) => evaluateResourcePolicy(definition, resource, config))
                : evaluateStackPolicy(definition, resources, config);
        for (const violation of found) {
            violations.push({ ...violation, enforcementLevel: level === "remediate" ? "mandatory" : level });
        }
    }
    return violations;
}

export interface Remediation {
    policy: PolicyName;
    /** The properties to change (nested like the resource's inputs). */
    patch: PropertyPatch;
    /** The resource's properties with the patch applied. */
    properties: Record<string, unknown>;
}

/** The fixes the remediating policies offer for one resource (none for waived resources). */
export function remediationsFor(resource: StackResourceView, config: GuardrailConfig, options: EvaluationOptions = {}): Remediation[] {
    const wanted = new Set(selected(options).map(({ definition }) => definition.name));
    const result: Remediation[] = [];
    for (const definition of resourcePolicyDefinitions) {
        if (!wanted.has(definition.name) || !definition.remediate || !appliesTo(definition, resource.type)) {
            continue;
        }
        if (waiverFor(definition.name, resource, config).status === "waived") {
            continue;
        }
        const patch = definition.remediate(resource, config);
        if (patch) {
            result.push({ policy: definition.name, patch, properties: applyPatch(resource.props, patch) });
        }
    }
    return result;
}
