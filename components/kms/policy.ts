import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * IAM policy documents as typed data, rendered to JSON with plain `JSON.stringify`. Plain JSON
 * (rather than `aws.iam.getPolicyDocument`) keeps the documents visible to tests, the offline
 * preview and the policy pack, none of which can run the provider's invoke.
 */

type StringOrList = pulumi.Input<string> | pulumi.Input<string>[];

export interface PolicyPrincipal {
    AWS?: StringOrList;
    Service?: StringOrList;
}

/** Condition operator (`StringEquals`, `ArnLike`, `Bool`...) → condition key → value(s). */
export type PolicyConditions = Record<string, Record<string, StringOrList>>;

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    /** Resource policies only; `"*"` is reserved for Deny statements. */
    Principal?: PolicyPrincipal | "*";
    Action: string | string[];
    /** Required in every policy except role trust policies, which must not have one. */
    Resource?: StringOrList;
    Condition?: PolicyConditions;
}

/** Renders statements to an IAM policy JSON document. */
export function policyDocument(statements: pulumi.Input<PolicyStatement>[]): pulumi.Output<string> {
    return pulumi
        .output(statements)
        .apply((resolved) => JSON.stringify({ Version: "2012-10-17", Statement: resolved }, undefined, 2));
}

/** A role trust policy that lets one AWS service assume the role, guarded by `conditions`. */
export function serviceTrustPolicy(service: pulumi.Input<string>, conditions: PolicyConditions): pulumi.Output<string> {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sts:AssumeRole",
            Condition: conditions,
        },
    ]);
}

/** Where the estate is deployed: everything an ARN or a regional service principal needs. */
export interface AwsContext {
    accountId: pulumi.Output<string>;
    region: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. */
    dnsSuffix: pulumi.Output<string>;
}

/** Looks the deployment context up through the provider of `parent`. */
export function lookupAwsContext(parent: pulumi.Resource): AwsContext {
    const opts = { parent };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    return {
        accountId: identity.accountId,
        region: region.region,
        partition: partition.partition,
        dnsSuffix: partition.dnsSuffix,
    };
}

/** `arn:<partition>:iam::<account>:root`: the account itself, which delegates to IAM. */
export function accountRootArn(context: AwsContext): pulumi.Output<string> {
    return pulumi.interpolate`arn:${context.partition}:iam::${context.accountId}:root`;
}

/** ARN of a CloudTrail trail of this account and region. */
export function trailArn(context: AwsContext, trailName: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`arn:${context.partition}:cloudtrail:${context.region}:${context.accountId}:trail/${trailName}`;
}
