import junit from "junit-report-builder";
import { policyDefinitions } from "../../policies/catalog";
import type { AuditReport } from "../model";

/**
 * JUnit XML for CI test views: a suite per policy with a failing case per finding (failure type
 * = enforcement level) and a skipped case per waiver; a suite of errors for what was not
 * evaluated. A policy without findings gets one passing case, so every policy shows.
 */
export function renderJunit(report: AuditReport): string {
    const builder = junit.newBuilder().name("observability-audit");
    for (const definition of policyDefinitions) {
        const suite = builder.testSuite().name(definition.name);
        const findings = report.findings.filter((finding) => finding.policy === definition.name);
        const waived = report.waived.filter((waiver) => waiver.policy === definition.name);
        for (const finding of findings) {
            suite.testCase().className(`${finding.account}.${finding.region}`).name(finding.arn).failure(finding.message, finding.enforcementLevel);
        }
        for (const waiver of waived) {
            suite.testCase().className("waived").name(waiver.arn).skipped().standardOutput(`waived until ${waiver.expires}: ${waiver.reason}`);
        }
        if (findings.length === 0 && waived.length === 0) {
            suite.testCase().className("audit").name(`no findings for ${definition.name}`);
        }
    }
    if (report.notEvaluated.length > 0) {
        const suite = builder.testSuite().name("not-evaluated");
        for (const entry of report.notEvaluated) {
            suite.testCase().className(`${entry.account}.${entry.region}`).name(`${entry.service} ${entry.arn ?? "(all)"}`).error(entry.reason, "NotEvaluated");
        }
    }
    return `${builder.build()}\n`;
}
