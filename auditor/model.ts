import type { EnforcementLevel } from "@pulumi/policy";
import type { StackResourceView } from "../policies/lib/policy";

/**
 * The auditor's data: where it looks (targets), what it found there (live resources mapped to
 * the pack's property shapes), and the report — whose JSON form is a contract other tools read.
 */

/** AWS services the auditor reads, as named in reports and `notEvaluated` entries. */
export type AuditedService = "lambda" | "logs" | "apigateway" | "apigatewayv2" | "tagging";

/** One live resource as the policies see it, with where it lives. */
export interface LiveResource {
    account: string;
    region: string;
    service: AuditedService;
    /** The AWS resource the finding points at (for method settings: the stage's ARN). */
    arn: string;
    view: StackResourceView;
    /** False for parts of a resource (REST method settings), which the summary does not count. */
    counted: boolean;
}

export interface NotEvaluated {
    account: string;
    region: string;
    service: string;
    /** The resource that could not be evaluated, or null when a whole listing failed. */
    arn: string | null;
    reason: string;
}

export interface AuditFinding {
    account: string;
    region: string;
    arn: string;
    type: string;
    name: string;
    policy: string;
    enforcementLevel: Exclude<EnforcementLevel, "disabled" | "remediate">;
    message: string;
    fix: string;
}

export interface WaivedFinding {
    arn: string;
    policy: string;
    reason: string;
    expires: string;
}

export interface AuditSummary {
    resources: number;
    findings: number;
    mandatory: number;
    notEvaluated: number;
}

/** The JSON report (`--format json`): one document, exactly these keys. */
export interface AuditReport {
    accounts: string[];
    regions: string[];
    findings: AuditFinding[];
    notEvaluated: NotEvaluated[];
    waived: WaivedFinding[];
    summary: AuditSummary;
}

/** One change `--fix` made (or failed to make). */
export interface FixResult {
    account: string;
    region: string;
    arn: string;
    policy: string;
    /** The API call and what it set, e.g. `PutRetentionPolicy retentionInDays=365`. */
    change: string;
    ok: boolean;
    error?: string;
}

/** Exit codes of the command. */
export const EXIT_CODES = { clean: 0, mandatoryFindings: 1, incompleteOrUsage: 2 } as const;

export function exitCodeFor(report: AuditReport): number {
    if (report.notEvaluated.length > 0) {
        return EXIT_CODES.incompleteOrUsage;
    }
    return report.summary.mandatory > 0 ? EXIT_CODES.mandatoryFindings : EXIT_CODES.clean;
}
