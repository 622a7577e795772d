import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** An IAM policy statement a caller adds to a golden-path role. */
export interface PolicyStatementArgs {
    sid?: string;
    /** Defaults to Allow. */
    effect?: "Allow" | "Deny";
    /** Specific actions such as `dynamodb:GetItem`; `*` is rejected. */
    actions: string[];
    /** Resource ARNs; `*` is accepted only with actions that name a single API call. */
    resources: pulumi.Input<string>[];
    /** IAM condition block, e.g. `{ StringEquals: { "aws:ResourceTag/team": "orders" } }`. */
    conditions?: Record<string, Record<string, pulumi.Input<string | string[]>>>;
}

/**
 * Trust policy for a role assumed by an AWS service on behalf of this account only: the
 * `aws:SourceAccount` condition stops a confused deputy in another account from using it.
 */
export function serviceTrustPolicy(servicePrincipal: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: servicePrincipal },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    });
}

/** Problems that would make a caller's statement broader than least privilege. */
export function statementProblems(field: string, statements: readonly PolicyStatementArgs[]): string[] {
    const problems: string[] = [];
    statements.forEach((statement, index) => {
        const at = `${field}[${index}]`;
        if (statement.actions.length === 0) {
            problems.push(`${at}.actions is empty; at least one action such as "dynamodb:GetItem" is required`);
        }
        if (statement.resources.length === 0) {
            problems.push(`${at}.resources is empty; at least one resource ARN is required`);
        }
        for (const action of statement.actions) {
            if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
                problems.push(`${at}.actions contains "${action}"; actions are "<service>:<Action>", e.g. "sqs:SendMessage"`);
            }
        }
        const allResources = statement.resources.some((resource) => resource === "*");
        const wildcardActions = statement.actions.filter((action) => action.includes("*"));
        if (allResources && wildcardActions.length > 0 && (statement.effect ?? "Allow") === "Allow") {
            problems.push(
                `${at} allows wildcard actions ${wildcardActions.map((a) => `"${a}"`).join(", ")} on resource "*"; ` +
                    `name the actions or scope the resources to ARNs`,
            );
        }
    });
    return problems;
}

/** The IAM JSON of the caller's statements (inputs resolved). */
export function toIamStatements(statements: readonly PolicyStatementArgs[]): pulumi.Input<Record<string, unknown>>[] {
    return statements.map((statement) => ({
        ...(statement.sid === undefined ? {} : { Sid: statement.sid }),
        Effect: statement.effect ?? "Allow",
        Action: statement.actions,
        Resource: statement.resources,
        ...(statement.conditions === undefined ? {} : { Condition: statement.conditions }),
    }));
}

/** The account id and partition a component's IAM documents refer to. */
export function callerContext(opts: pulumi.InvokeOutputOptions): { accountId: pulumi.Output<string>; partition: pulumi.Output<string> } {
    return {
        accountId: aws.getCallerIdentityOutput({}, opts).accountId,
        partition: aws.getPartitionOutput({}, opts).partition,
    };
}
