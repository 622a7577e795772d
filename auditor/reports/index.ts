import type { AuditReport } from "../model";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderTable } from "./table";

export const REPORT_FORMATS = ["table", "json", "sarif", "junit", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: AuditReport, format: ReportFormat): string {
    switch (format) {
        case "table":
            return renderTable(report);
        case "json":
            return renderJson(report);
        case "sarif":
            return renderSarif(report);
        case "junit":
            return renderJunit(report);
        case "markdown":
            return renderMarkdown(report);
    }
}
