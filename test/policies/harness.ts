import type { ReportViolation } from "@pulumi/policy";
import { allPolicies, resourcePolicies, stackPolicies } from "../../policies/catalog";
import type { GuardrailResourcePolicy, GuardrailStackPolicy } from "../../policies/lib/crossguard";
import type { TestResource } from "./builders";

/**
 * Drives the pack's CrossGuard policies the way @pulumi/policy's Analyzer server does: an args
 * object with type, name, URN, props and getConfig, and a reportViolation that records.
 */

export interface Reported {
    message: string;
    urn?: string;
}

function recorder(): { reported: Reported[]; report: ReportViolation } {
    const reported: Reported[] = [];
    return { reported, report: (message: string, urn?: string) => reported.push({ message, urn }) };
}

export function resourcePolicy(name: string): GuardrailResourcePolicy {
    const policy = resourcePolicies.find((candidate) => candidate.name === name);
    if (!policy) {
        throw new Error(`no resource policy ${name}; have ${allPolicies.map((p) => p.name).join(", ")}`);
    }
    return policy;
}

export function stackPolicy(name: string): GuardrailStackPolicy {
    const policy = stackPolicies.find((candidate) => candidate.name === name);
    if (!policy) {
        throw new Error(`no stack policy ${name}`);
    }
    return policy;
}

/** The messages a resource policy reports for one resource under `config` (the policy's config object). */
export function validate(policyName: string, resource: TestResource, config: object = { environment: "prod" }): string[] {
    const { reported, report } = recorder();
    resourcePolicy(policyName).validateResource(
        { type: resource.type, name: resource.name, urn: resource.urn, props: resource.props, getConfig: <T extends object>() => config as T },
        report,
    );
    return reported.map((entry) => entry.message);
}

export function validateStack(policyName: string, resources: readonly TestResource[], config: object = { environment: "prod" }): Reported[] {
    const { reported, report } = recorder();
    stackPolicy(policyName).validateStack({ resources, getConfig: <T extends object>() => config as T }, report);
    return reported;
}

export function remediate(policyName: string, resource: TestResource, config: object = { environment: "prod" }): Record<string, unknown> | undefined {
    const policy = resourcePolicy(policyName);
    if (!policy.remediateResource) {
        throw new Error(`${policyName} has no remediation`);
    }
    return policy.remediateResource({
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: resource.props,
        getConfig: <T extends object>() => config as T,
    });
}
