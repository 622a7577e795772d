import Table from "cli-table3";
import type { AuditReport } from "../model";

/** The terminal view: findings, then what was not evaluated and which waivers were used. */
export function renderTable(report: AuditReport, width = process.stdout.columns ?? 160): string {
    const out: string[] = [];
    const messageWidth = Math.max(40, width - 95);
    if (report.findings.length > 0) {
        const table = new Table({
            head: ["Account", "Region", "Resource", "Policy", "Level", "Message"],
            colWidths: [14, 16, 28, 30, 11, messageWidth],
            wordWrap: true,
            wrapOnWordBoundary: false,
        });
        for (const finding of report.findings) {
            table.push([finding.account, finding.region, finding.name, finding.policy, finding.enforcementLevel, finding.message]);
        }
        out.push(table.toString());
    }
    if (report.notEvaluated.length > 0) {
        const table = new Table({ head: ["Account", "Region", "Service", "Resource", "Not evaluated because"], colWidths: [14, 16, 16, 30, messageWidth + 25], wordWrap: true });
        for (const entry of report.notEvaluated) {
            table.push([entry.account, entry.region, entry.service, entry.arn ?? "(all)", entry.reason]);
        }
        out.push("Not evaluated:", table.toString());
    }
    if (report.waived.length > 0) {
        const table = new Table({ head: ["Resource", "Policy", "Expires", "Reason"], wordWrap: true });
        for (const waiver of report.waived) {
            table.push([waiver.arn, waiver.policy, waiver.expires, waiver.reason]);
        }
        out.push("Waived:", table.toString());
    }
    const { resources, findings, mandatory, notEvaluated } = report.summary;
    out.push(
        `${resources} resources in ${report.accounts.length} account(s) and ${report.regions.length} region(s): ` +
            `${findings} finding(s), ${mandatory} mandatory, ${report.waived.length} waived, ${notEvaluated} not evaluated.`,
    );
    return `${out.join("\n")}\n`;
}
