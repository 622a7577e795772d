import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { auditorFixPolicy, auditorReadOnlyPolicy, PolicyStatement } from "../../auditor/iam/policy";
import { AuditorRoleConfig } from "../../config/types";
import { childName } from "../naming";

export type AuditorRoleArgs = AuditorRoleConfig;

/**
 * Statements a role in an audited account needs, taken from the policy files the auditor ships
 * (auditor/iam/*.json), so the role and the tool can never drift apart. Listing the
 * organization's accounts and assuming roles are what the *calling* identity does in
 * organization mode; the role assumed in each account does not need them.
 */
export function auditorRoleStatements(allowFix: boolean): PolicyStatement[] {
    const read = auditorReadOnlyPolicy().Statement.filter(
        (statement) => !statement.Action.some((action) => action.startsWith("organizations:") || action === "sts:AssumeRole"),
    );
    return allowFix ? [...read, ...auditorFixPolicy().Statement] : read;
}

/** The role `npm run audit -- --org --role-name <name>` assumes in this account. */
export class AuditorRole extends pulumi.ComponentResource {
    public readonly roleName: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: AuditorRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:audit:AuditorRole", name, {}, opts);
        const role = new aws.iam.Role(
            childName(name, "role"),
            {
                name: args.roleName,
                description: "Read-only access for the observability auditor (npm run audit)",
                maxSessionDuration: 3600,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { AWS: args.trustedPrincipalArns }, Action: "sts:AssumeRole" }],
                }),
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            childName(name, "policy"),
            { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: auditorRoleStatements(args.allowFix) }) },
            { parent: this },
        );
        this.roleName = role.name;
        this.roleArn = role.arn;
        this.registerOutputs({ roleName: this.roleName, roleArn: this.roleArn });
    }
}
