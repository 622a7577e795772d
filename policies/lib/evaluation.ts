import type { EnforcementLevel } from "@pulumi/policy";
import type { GuardrailConfig } from "./config";
import { violationMessage, type Finding } from "./messages";
import type {
    PropertyPatch,
    ResourcePolicyDefinition,
    ResourceView,
    StackPolicyDefinition,
    StackResourceView,
} from "./policy";
import { proxyTarget, readString, readStringMap } from "./unknowns";
import {
    describeMalformedWaiver,
    describeWaiver,
    evaluateWaiver,
    waiverTagKey,
    type WaiverEvaluation,
} from "./waivers";

/**
 * Runs a policy's pure check with waivers applied and turns findings into messages. The
 * CrossGuard adapter and the auditor both go through here, so a waiver or a message can never
 * differ between preview and audit.
 */

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    /** The resource the violation is about. */
    subject: ResourceView;
    message: string;
    /** How to comply (the finding's fix, or the policy's for waiver problems). */
    fix: string;
    /** The check's finding; absent for a malformed-waiver violation. */
    finding?: Finding;
    waiver: WaiverEvaluation;
}

/** Tags as the engine (`tags`, `tagsAll`) or the auditor (`tags`) provide them. */
export function tagsOf(props: Record<string, unknown>): Record<string, string> {
    return { ...readStringMap(props, "tagsAll"), ...readStringMap(props, "tags") };
}

export function waiverFor(policy: string, resource: ResourceView, config: GuardrailConfig): WaiverEvaluation {
    // Only this policy's tag matters, so it is read directly rather than by listing every tag:
    // this runs for every policy on every resource.
    const tagKey = waiverTagKey(policy);
    const tagValue = readString(resource.props, "tags", tagKey) ?? readString(resource.props, "tagsAll", tagKey);
    const tags: Record<string, string> = typeof tagValue === "string" ? { [tagKey]: tagValue } : {};
    const hasConfigWaivers = config.waivers.valid.length > 0 || config.waivers.malformed.length > 0;
    const arn = hasConfigWaivers ? readString(resource.props, "arn") : undefined;
    return evaluateWaiver(
        { policy, name: resource.name, urn: resource.urn, arn: typeof arn === "string" ? arn : undefined, tags },
        config.waivers,
        config.today,
    );
}

function expiredNote(waiver: WaiverEvaluation): string | undefined {
    if (waiver.status !== "expired" || !waiver.waiver) {
        return undefined;
    }
    return `The waiver for this policy expired on ${waiver.waiver.expires} (${describeWaiver(waiver.waiver)}); renew it or fix the resource.`;
}

function judge(
    policy: { name: string; enforcementLevel: EnforcementLevel; fix: string },
    subject: ResourceView,
    waiver: WaiverEvaluation,
    findings: readonly Finding[],
): Violation[] {
    const violations: Violation[] = waiver.malformed.map((malformed) => ({
        policy: policy.name,
        enforcementLevel: policy.enforcementLevel,
        subject,
        message: violationMessage(subject, {
            problem: describeMalformedWaiver(malformed),
            found: malformed.source === "tag" ? `tag ${malformed.where}` : `pack config ${malformed.where}`,
            fix: "correct or remove the waiver",
        }),
        fix: "correct or remove the waiver",
        waiver,
    }));
    if (waiver.status === "waived") {
        return violations;
    }
    const note = expiredNote(waiver);
    for (const finding of findings) {
        violations.push({
            policy: policy.name,
            enforcementLevel: policy.enforcementLevel,
            subject,
            message: violationMessage(subject, finding, note),
            fix: finding.fix,
            finding,
            waiver,
        });
    }
    return violations;
}

export function appliesTo(policy: { resourceTypes: readonly string[] }, type: string): boolean {
    return policy.resourceTypes.includes(type);
}

/** The violations of one resource policy for one resource (empty when the type does not apply). */
export function evaluateResourcePolicy(policy: ResourcePolicyDefinition, resource: ResourceView, config: GuardrailConfig): Violation[] {
    if (!appliesTo(policy, resource.type)) {
        return [];
    }
    const waiver = waiverFor(policy.name, resource, config);
    const findings = waiver.status === "waived" ? [] : policy.check(resource, config);
    return judge(policy, resource, waiver, findings);
}

/** The violations of one stack policy over all resources. */
export function evaluateStackPolicy(
    policy: StackPolicyDefinition,
    resources: readonly StackResourceView[],
    config: GuardrailConfig,
): Violation[] {
    const bySubject = new Map<StackResourceView, Finding[]>();
    for (const finding of policy.checkStack(resources, config)) {
        const list = bySubject.get(finding.subject) ?? [];
        list.push(finding);
        bySubject.set(finding.subject, list);
    }
    const violations: Violation[] = [];
    for (const [subject, findings] of bySubject) {
        violations.push(...judge(policy, subject, waiverFor(policy.name, subject, config), findings));
    }
    return violations;
}

/** The properties after remediation, or undefined when the policy has nothing to change (or the resource is waived). */
export function remediatedProperties(
    policy: ResourcePolicyDefinition,
    resource: ResourceView,
    config: GuardrailConfig,
): Record<string, unknown> | undefined {
    if (!policy.remediate || !appliesTo(policy, resource.type)) {
        return undefined;
    }
    if (waiverFor(policy.name, resource, config).status === "waived") {
        return undefined;
    }
    const patch = policy.remediate(resource, config);
    return patch ? applyPatch(resource.props, patch) : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A copy of `props` with `patch` merged in. It works on the plain objects behind
 * @pulumi/policy's proxies, so unknown values and secrets elsewhere in the resource are passed
 * back untouched (the library serialises them as it received them).
 */
export function applyPatch(props: Record<string, unknown>, patch: PropertyPatch): Record<string, unknown> {
    const base = proxyTarget(props);
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
        const current = proxyTarget(base[key]);
        if (isPlainObject(value) && isPlainObject(current)) {
            result[key] = applyPatch(current, value as PropertyPatch);
        } else {
            result[key] = Array.isArray(value) ? [...value] : isPlainObject(value) ? applyPatch({}, value as PropertyPatch) : value;
        }
    }
    return result;
}
