import { resolveTargets, type TargetOptions } from "./accounts";
import { destroyRegionClients, regionClients, type ClientSettings } from "./aws/clients";
import { collectRegion, type RegionAudit } from "./collect/region";
import { mapWithConcurrency } from "../engine/concurrency";
import { evaluateRegion } from "./evaluate";
import type { AuditReport, NotEvaluated } from "./model";
import type { ConfiguredPolicy } from "./policy-setup";

/**
 * One audit: resolve the accounts and regions, collect each account-region (bounded
 * concurrency), evaluate it with the pack's policies, and assemble the report.
 */

export interface AuditOptions extends TargetOptions {
    policies: readonly ConfiguredPolicy[];
    /** Account-regions audited at once, and GetStages calls in flight per region. */
    concurrency: number;
    /** Called once the account-regions are known, then after each one. */
    onProgress?: (done: number, total: number) => void;
}

export interface AuditRun {
    report: AuditReport;
    /** What was collected per account-region (what `--fix` works from). */
    regions: RegionAudit[];
    /** Credentials per account, for `--fix`. */
    credentials: Map<string, ClientSettings["credentials"]>;
}

function sortKey(...parts: Array<string | null>): string {
    return parts.map((part) => part ?? "").join("\u0000");
}

export async function runAudit(options: AuditOptions): Promise<AuditRun> {
    const { targets, notEvaluated: unreachable } = await resolveTargets(options);
    const work = targets.flatMap((target) => target.regions.map((region) => ({ target, region })));
    let done = 0;
    options.onProgress?.(0, work.length);
    const regions = await mapWithConcurrency(work, options.concurrency, async ({ target, region }) => {
        const clients = regionClients(region, { credentials: target.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
        try {
            return await collectRegion(target.account, clients, options.concurrency);
        } finally {
            destroyRegionClients(clients);
            options.onProgress?.(++done, work.length);
        }
    });
    const report = assembleReport(
        [...new Set([...targets.map((target) => target.account), ...unreachable.map((entry) => entry.account)])].sort(),
        [...new Set([...targets.flatMap((target) => target.regions), ...(options.regions ?? [])])].sort(),
        regions,
        options.policies,
        unreachable,
    );
    return { report, regions, credentials: new Map(targets.map((target) => [target.account, target.credentials])) };
}

/** The report of collected account-regions; `regionNames` are every region in scope, reached or not. */
function assembleReport(
    accounts: string[],
    regionNames: string[],
    regions: readonly RegionAudit[],
    policies: readonly ConfiguredPolicy[],
    unreachable: readonly NotEvaluated[] = [],
): AuditReport {
    const report: AuditReport = {
        accounts,
        regions: regionNames,
        findings: [],
        notEvaluated: [...unreachable],
        waived: [],
        summary: { resources: 0, findings: 0, mandatory: 0, notEvaluated: 0 },
    };
    for (const audit of regions) {
        const { findings, waived } = evaluateRegion(audit, policies);
        report.findings.push(...findings);
        report.waived.push(...waived);
        report.notEvaluated.push(...audit.notEvaluated);
        if (!audit.complete) {
            report.notEvaluated.push({
                account: audit.account,
                region: audit.region,
                service: "stack-policies",
                arn: null,
                reason: `policies that join resources across services (${policies
                    .filter((policy) => policy.definition.kind === "stack")
                    .map((policy) => policy.definition.name)
                    .join(", ")}) were not run in this region because a listing above failed`,
            });
        }
        report.summary.resources += audit.resources.filter((resource) => resource.counted).length;
    }
    report.findings.sort((a, b) => sortKey(a.account, a.region, a.arn, a.policy, a.message).localeCompare(sortKey(b.account, b.region, b.arn, b.policy, b.message)));
    report.notEvaluated.sort((a, b) => sortKey(a.account, a.region, a.service, a.arn).localeCompare(sortKey(b.account, b.region, b.service, b.arn)));
    report.waived.sort((a, b) => sortKey(a.arn, a.policy).localeCompare(sortKey(b.arn, b.policy)));
    report.summary.findings = report.findings.length;
    report.summary.mandatory = report.findings.filter((finding) => finding.enforcementLevel === "mandatory").length;
    report.summary.notEvaluated = report.notEvaluated.length;
    return report;
}
