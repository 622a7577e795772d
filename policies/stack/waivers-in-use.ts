import { appliesTo, tagsOf, waiverFor } from "../lib/evaluation";
import { POLICY_NAMES } from "../lib/names";
import type { PolicyMetadata, StackFinding, StackPolicyDefinition } from "../lib/policy";
import { describeMalformedWaiver, describeWaiver, waiverTags, WAIVER_TAG_PREFIX } from "../lib/waivers";

/**
 * Reports every waiver in force so that exemptions show in every preview and audit, plus
 * waiver tags that name no policy of the pack (a typo would otherwise exempt nothing, silently).
 * Built from the list of policies it reports on, so that it does not import the catalog.
 *
 * Config waivers are those given to this policy's own `waivers` setting; CrossGuard configures
 * each policy separately, so the same list belongs here and under each policy it names
 * (`packConfigFor` writes it so).
 */
export function makeWaiversInUsePolicy(policies: readonly PolicyMetadata[]): StackPolicyDefinition {
    const known = new Set<string>(policies.map((policy) => policy.name));
    return {
        kind: "stack",
        name: POLICY_NAMES.waiversInUse,
        description:
            "Lists every waiver in force (policy, resource, reason, expiry) and every waiver tag that is malformed or names no policy of this pack, so that exemptions stay visible. Advisory: it blocks nothing.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [],
        fix: "Fix the resource before the waiver expires, then remove the waiver.",
        resourceTypes: [],
        settings: [],
        checkStack(resources, config) {
            const findings: StackFinding[] = [];
            for (const resource of resources) {
                for (const policy of policies) {
                    if (!appliesTo(policy, resource.type)) {
                        continue;
                    }
                    const evaluation = waiverFor(policy.name, resource, config);
                    if (evaluation.status === "waived" && evaluation.waiver) {
                        findings.push({
                            subject: resource,
                            problem: `is exempt from ${policy.name} by ${describeWaiver(evaluation.waiver)}`,
                            found: `waiver valid through ${evaluation.waiver.expires}`,
                            fix: `make the resource comply with ${policy.name} before ${evaluation.waiver.expires}, then remove the waiver`,
                        });
                    }
                    for (const malformed of evaluation.malformed) {
                        findings.push({
                            subject: resource,
                            problem: describeMalformedWaiver(malformed),
                            found: JSON.stringify(malformed.value),
                            fix: "correct or remove the waiver",
                        });
                    }
                }
                for (const tag of waiverTags(tagsOf(resource.props))) {
                    if (!known.has(tag.policy)) {
                        findings.push({
                            subject: resource,
                            problem: `waiver tag ${WAIVER_TAG_PREFIX}${tag.policy} names no policy of this pack, so it exempts nothing`,
                            found: `tag ${WAIVER_TAG_PREFIX}${tag.policy}`,
                            fix: `use one of ${[...known].join(", ")} after ${WAIVER_TAG_PREFIX}`,
                        });
                    }
                }
            }
            return findings;
        },
    };
}
