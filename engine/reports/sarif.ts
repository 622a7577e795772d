import * as path from "path";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import type { Result } from "sarif";
import type { PreviewResult } from "../preview";

/**
 * SARIF 2.1.0 for code scanning: one rule per policy of the pack, one result per violation,
 * located at the program's entry file (the resource's URN is carried as a logical location, the
 * only precise address a Pulumi resource has before it exists).
 */

function sarifLevel(level: string): Result.level {
    switch (level) {
        case "mandatory":
            return "error";
        case "advisory":
            return "warning";
        default:
            return "note";
    }
}

export function renderSarif(result: PreviewResult): string {
    const { report, pack } = result;
    const builder = new SarifBuilder();
    const run = new SarifRunBuilder().initSimple({ toolDriverName: pack.name, toolDriverVersion: pack.version });
    for (const policy of pack.policies) {
        run.addRule(
            new SarifRuleBuilder().initSimple({
                ruleId: policy.name,
                shortDescriptionText: policy.displayName || policy.name,
                fullDescriptionText: policy.description,
            }),
        );
    }
    const entryFile = path.relative(process.cwd(), path.join(report.program, result.run.main));
    for (const v of report.violations) {
        const resultBuilder = new SarifResultBuilder().initSimple({
            ruleId: v.policy,
            level: sarifLevel(v.enforcementLevel),
            messageText: `${v.type} "${v.name}": ${v.message}`,
            fileUri: entryFile.split(path.sep).join("/"),
        });
        const location = resultBuilder.result.locations?.[0];
        if (location) {
            location.logicalLocations = [{ fullyQualifiedName: v.urn, name: v.name, kind: "resource" }];
        }
        resultBuilder.result.properties = { enforcementLevel: v.enforcementLevel, urn: v.urn, resourceType: v.type };
        run.addResult(resultBuilder);
    }
    builder.addRun(run);
    return builder.buildSarifJsonString({ indent: true }) + "\n";
}
