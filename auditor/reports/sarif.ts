import { createHash } from "crypto";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import { policyDefinitions } from "../../policies/catalog";
import type { AuditReport } from "../model";

/**
 * SARIF 2.1.0 for code scanning: one rule per policy (its description, fix and control IDs),
 * one result per finding located at the resource's ARN, and one `notEvaluated` notification per
 * gap, so an incomplete audit cannot pass for a clean one.
 */
export function renderSarif(report: AuditReport, version = "0.1.0"): string {
    const run = new SarifRunBuilder().initSimple({ toolDriverName: "observability-auditor", toolDriverVersion: version });
    for (const definition of policyDefinitions) {
        const rule = new SarifRuleBuilder().initSimple({ ruleId: definition.name, shortDescriptionText: definition.description.split(". ")[0], fullDescriptionText: definition.description });
        rule.rule.help = { text: definition.fix };
        rule.rule.properties = { tags: [...definition.controls], "problem.severity": definition.enforcementLevel === "mandatory" ? "error" : "warning" };
        run.addRule(rule);
    }
    for (const finding of report.findings) {
        const result = new SarifResultBuilder().initSimple({
            ruleId: finding.policy,
            level: finding.enforcementLevel === "mandatory" ? "error" : "warning",
            messageText: finding.message,
            fileUri: finding.arn,
        });
        result.result.locations = [
            {
                physicalLocation: { artifactLocation: { uri: finding.arn } },
                logicalLocations: [{ fullyQualifiedName: finding.arn, name: finding.name, kind: finding.type }],
            },
        ];
        result.result.partialFingerprints = { resourcePolicy: createHash("sha256").update(`${finding.arn}\u0000${finding.policy}\u0000${finding.message}`).digest("hex") };
        result.result.properties = { account: finding.account, region: finding.region, fix: finding.fix };
        run.addResult(result);
    }
    run.run.invocations = [
        {
            executionSuccessful: report.notEvaluated.length === 0,
            toolExecutionNotifications: report.notEvaluated.map((entry) => ({
                level: "error" as const,
                message: { text: `not evaluated: ${entry.account} ${entry.region} ${entry.service}${entry.arn ? ` ${entry.arn}` : ""}: ${entry.reason}` },
            })),
        },
    ];
    run.run.properties = { accounts: report.accounts, regions: report.regions, summary: report.summary, waived: report.waived };
    const builder = new SarifBuilder();
    builder.addRun(run);
    return `${builder.buildSarifJsonString({ indent: true })}\n`;
}
