import type { AuditReport } from "../model";

/** The JSON contract: exactly one document with the report's keys, in a fixed order. */
export function renderJson(report: AuditReport): string {
    const { accounts, regions, findings, notEvaluated, waived, summary } = report;
    return `${JSON.stringify({ accounts, regions, findings, notEvaluated, waived, summary }, null, 2)}\n`;
}
