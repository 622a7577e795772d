import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { paginateListAccounts } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { describeAwsError, ec2Client, organizationsClient, stsClient, type ClientSettings } from "./aws/clients";
import type { NotEvaluated } from "./model";

/**
 * Which accounts and regions to audit, and with which credentials: the caller's own account,
 * or each account of the organization (or of `--accounts`) through an assumed read-only role.
 */

export interface AccountTarget {
    account: string;
    credentials: AwsCredentialIdentityProvider;
    regions: string[];
}

export interface TargetOptions {
    credentials: AwsCredentialIdentityProvider;
    /** Region for the global calls (STS, Organizations, DescribeRegions). */
    homeRegion: string;
    regions?: string[];
    org: boolean;
    roleName?: string;
    accounts?: string[];
    maxAttempts: number;
    onCall?: ClientSettings["onCall"];
}

export interface Targets {
    targets: AccountTarget[];
    notEvaluated: NotEvaluated[];
}

const SESSION_NAME = "observability-auditor";
/** Renew assumed-role credentials this long before they expire, so no call runs on stale ones. */
const RENEW_BEFORE_MS = 5 * 60_000;

function assumedRoleCredentials(roleArn: string, options: TargetOptions): AwsCredentialIdentityProvider {
    let current: AwsCredentialIdentity | undefined;
    let pending: Promise<AwsCredentialIdentity> | undefined;
    const sts = stsClient(options.homeRegion, { credentials: options.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    return async () => {
        if (current && (!current.expiration || current.expiration.getTime() - RENEW_BEFORE_MS > Date.now())) {
            return current;
        }
        pending ??= sts
            .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME }))
            .then((result) => {
                const c = result.Credentials!;
                current = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
                return current;
            })
            .finally(() => {
                pending = undefined;
            });
        return pending;
    };
}

/** The regions enabled for the account (opted in, or not needing opt-in). */
async function enabledRegions(credentials: AwsCredentialIdentityProvider, options: TargetOptions): Promise<string[]> {
    const ec2 = ec2Client(options.homeRegion, { credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    try {
        const result = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
        return (result.Regions ?? []).map((region) => region.RegionName!).sort();
    } finally {
        ec2.destroy();
    }
}

async function organizationAccounts(options: TargetOptions): Promise<string[]> {
    const client = organizationsClient(options.homeRegion, { credentials: options.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    const accounts: string[] = [];
    try {
        for await (const page of paginateListAccounts({ client }, {})) {
            for (const account of page.Accounts ?? []) {
                if (account.Status === "ACTIVE" || account.State === "ACTIVE") {
                    accounts.push(account.Id!);
                }
            }
        }
    } finally {
        client.destroy();
    }
    return accounts.sort();
}

export async function resolveTargets(options: TargetOptions): Promise<Targets> {
    const sts = stsClient(options.homeRegion, { credentials: options.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    let callerAccount: string;
    try {
        callerAccount = (await sts.send(new GetCallerIdentityCommand({}))).Account!;
    } finally {
        sts.destroy();
    }
    let accountIds: string[];
    if (options.org) {
        const members = await organizationAccounts(options);
        accountIds = options.accounts ? members.filter((id) => options.accounts!.includes(id)) : members;
    } else {
        accountIds = options.accounts ?? [callerAccount];
    }
    const targets: AccountTarget[] = [];
    const notEvaluated: NotEvaluated[] = [];
    for (const account of accountIds) {
        const credentials =
            account === callerAccount && !options.org
                ? options.credentials
                : assumedRoleCredentials(`arn:aws:iam::${account}:role/${options.roleName}`, options);
        try {
            // Resolving the credentials first makes a role that cannot be assumed fail here, once.
            await credentials();
            const regions = options.regions ?? (await enabledRegions(credentials, options));
            targets.push({ account, credentials, regions });
        } catch (error) {
            for (const region of options.regions ?? ["*"]) {
                notEvaluated.push({
                    account,
                    region,
                    service: options.regions ? "sts" : "sts/ec2",
                    arn: null,
                    reason: `cannot audit account ${account}: ${describeAwsError(error)}`,
                });
            }
        }
    }
    return { targets, notEvaluated };
}
