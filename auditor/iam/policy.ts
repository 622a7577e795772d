import * as path from "path";
import fixPolicy from "./auditor-fix-policy.json";
import readOnlyPolicy from "./auditor-read-only-policy.json";

/**
 * The IAM policy documents the auditor ships: what an auditor role needs to read (and, for
 * organization mode, to list accounts and assume the role in each), and the extra write actions
 * `--fix` needs. A Pulumi component can attach them to a role, e.g.
 * `new aws.iam.RolePolicy("auditor-read", { role, policy: JSON.stringify(auditorReadOnlyPolicy()) })`.
 */

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action: string[];
    Resource: string | string[];
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export const READ_ONLY_POLICY_FILE = path.join(__dirname, "auditor-read-only-policy.json");
export const FIX_POLICY_FILE = path.join(__dirname, "auditor-fix-policy.json");

// Imported rather than read from disk, so that a compiled build carries the documents along.
function copy(document: { Version: string; Statement: Array<{ Sid?: string; Effect: string; Action: string[]; Resource: string | string[] }> }): PolicyDocument {
    return JSON.parse(JSON.stringify(document)) as PolicyDocument;
}

export function auditorReadOnlyPolicy(): PolicyDocument {
    return copy(readOnlyPolicy);
}

export function auditorFixPolicy(): PolicyDocument {
    return copy(fixPolicy);
}

/** Every action a document allows. */
export function allowedActions(document: PolicyDocument): string[] {
    return document.Statement.filter((statement) => statement.Effect === "Allow").flatMap((statement) => statement.Action);
}
