import type { EnforcementLevel, Severity } from "@pulumi/policy";
import type { GuardrailConfig, SettingName } from "./config";
import type { Finding } from "./messages";
import type { PolicyName, ResourceType } from "./names";

/**
 * A policy is data plus a small function, like a Prowler check: the metadata below, a `check`
 * over one resource's properties (or `checkStack` over all of them) and, where the fix is
 * mechanical, a `remediate` that returns the properties to change. The functions are pure:
 * they get plain property objects (from the engine, the offline preview or live AWS state)
 * and the resolved config, and return findings. Waivers, messages and the CrossGuard wiring
 * are added around them in one place (`evaluation.ts`, `crossguard.ts`).
 */
export interface PolicyMetadata {
    name: PolicyName;
    /** What the policy requires and why, citing the equivalent public control IDs. */
    description: string;
    /** Level when the pack config does not override it. */
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** Equivalent controls: AWS Security Hub, Checkov, cdk-nag, AWS Config rules. */
    controls: readonly string[];
    /** How to comply, in one or two sentences. */
    fix: string;
    /** Resource types the policy judges (for a stack policy: the types its findings are about). */
    resourceTypes: readonly ResourceType[];
    /** Settings read besides the shared `environment` and `waivers`. */
    settings: readonly SettingName[];
}

/** One resource as the policies see it: the same shape whether from Pulumi or from live AWS. */
export interface ResourceView {
    type: string;
    /** Pulumi logical name, or for live resources a readable name (function name, log group name). */
    name: string;
    urn?: string;
    /** Inputs (resource policies) or outputs (stack policies) with Pulumi's property names. */
    props: Record<string, unknown>;
}

/** A resource in the stack view, with the dependency information the engine sends. */
export interface StackResourceView extends ResourceView {
    /** Resources each property was computed from (how `loggingConfig.logGroup = group.name` is seen). */
    propertyDependencies?: Readonly<Record<string, ReadonlyArray<{ urn: string }>>>;
}

/** Properties to set, nested like the resource's inputs; objects merge, anything else replaces. */
export interface PropertyPatch {
    [property: string]: PropertyPatch | string | number | boolean | readonly string[];
}

export interface ResourcePolicyDefinition extends PolicyMetadata {
    kind: "resource";
    check(resource: ResourceView, config: GuardrailConfig): Finding[];
    /** The properties that make the resource comply, or undefined when nothing needs changing. */
    remediate?(resource: ResourceView, config: GuardrailConfig): PropertyPatch | undefined;
}

export interface StackFinding extends Finding {
    /** The resource the finding is about (its URN goes on the violation). */
    subject: StackResourceView;
}

export interface StackPolicyDefinition extends PolicyMetadata {
    kind: "stack";
    checkStack(resources: readonly StackResourceView[], config: GuardrailConfig): StackFinding[];
}

export type PolicyDefinition = ResourcePolicyDefinition | StackPolicyDefinition;
