import type { AuditReport } from "../model";

function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(head: string[], rows: string[][]): string[] {
    return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)];
}

/** A Markdown report for pull-request comments and job summaries. */
export function renderMarkdown(report: AuditReport): string {
    const { resources, findings, mandatory, notEvaluated } = report.summary;
    const lines = [
        "# Observability audit",
        "",
        `Accounts: ${report.accounts.join(", ") || "none"}. Regions: ${report.regions.join(", ") || "none"}.`,
        "",
        ...table(["Resources", "Findings", "Mandatory", "Waived", "Not evaluated"], [[resources, findings, mandatory, report.waived.length, notEvaluated].map(String)]),
        "",
        "## Findings",
        "",
    ];
    if (report.findings.length === 0) {
        lines.push("No findings.");
    } else {
        lines.push(...table(["Account", "Region", "Resource", "Policy", "Level", "Message"], report.findings.map((f) => [f.account, f.region, `\`${f.arn}\``, f.policy, f.enforcementLevel, f.message])));
    }
    if (report.notEvaluated.length > 0) {
        lines.push("", "## Not evaluated", "", ...table(["Account", "Region", "Service", "Resource", "Reason"], report.notEvaluated.map((n) => [n.account, n.region, n.service, n.arn ?? "(all)", n.reason])));
    }
    if (report.waived.length > 0) {
        lines.push("", "## Waived", "", ...table(["Resource", "Policy", "Expires", "Reason"], report.waived.map((w) => [`\`${w.arn}\``, w.policy, w.expires, w.reason])));
    }
    return `${lines.join("\n")}\n`;
}
