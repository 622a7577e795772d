import { evaluateResources } from "../policies/evaluate";
import { appliesTo, waiverFor } from "../policies/lib/evaluation";
import type { StackResourceView } from "../policies/lib/policy";
import type { RegionAudit } from "./collect/region";
import type { AuditFinding, WaivedFinding } from "./model";
import type { ConfiguredPolicy } from "./policy-setup";

/**
 * Runs the pack's own policies (resource and stack policies, waivers included) over the live
 * resources of one account-region. Stack policies see one account-region at a time, which is
 * the scope in which their joins (function → log group, stage → method settings) hold.
 */

export interface RegionEvaluation {
    findings: AuditFinding[];
    waived: WaivedFinding[];
}

export function evaluateRegion(audit: RegionAudit, policies: readonly ConfiguredPolicy[]): RegionEvaluation {
    const views = audit.resources.map((resource) => resource.view);
    const byView = new Map<StackResourceView, (typeof audit.resources)[number]>(audit.resources.map((resource) => [resource.view, resource]));
    const findings: AuditFinding[] = [];
    const waived: WaivedFinding[] = [];
    for (const { definition, level, config } of policies) {
        if (definition.kind === "stack" && !audit.complete) {
            continue;
        }
        const violations = evaluateResources(views, config, { policies: [definition.name], enforcementLevels: { [definition.name]: level } });
        for (const violation of violations) {
            const resource = byView.get(violation.subject as StackResourceView);
            findings.push({
                account: audit.account,
                region: audit.region,
                arn: resource?.arn ?? violation.subject.urn ?? violation.subject.name,
                type: violation.subject.type,
                name: violation.subject.name,
                policy: violation.policy,
                enforcementLevel: violation.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
                message: violation.message,
                fix: violation.fix,
            });
        }
        if (definition.kind === "stack" && definition.resourceTypes.length === 0) {
            continue;
        }
        for (const resource of audit.resources) {
            if (!appliesTo(definition, resource.view.type)) {
                continue;
            }
            const waiver = waiverFor(definition.name, resource.view, config);
            if (waiver.status === "waived" && waiver.waiver) {
                waived.push({ arn: resource.arn, policy: definition.name, reason: waiver.waiver.reason, expires: waiver.waiver.expires });
            }
        }
    }
    return { findings, waived };
}
