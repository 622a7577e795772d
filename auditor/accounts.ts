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

/** Every account of the organization with its status (`ACTIVE`, `SUSPENDED`, …). */
async function organizationAccounts(options: TargetOptions): Promise<Map<string, string>> {
    const client = organizationsClient(options.homeRegion, { credentials: options.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    const accounts = new Map<string, string>();
    try {
        for await (const page of paginateListAccounts({ client }, {})) {
            for (const account of page.Accounts ?? []) {
                accounts.set(account.Id!, String(account.State ?? account.Status ?? "UNKNOWN"));
            }
        }
    } finally {
        client.destroy();
    }
    return accounts;
}

export async function resolveTargets(options: TargetOptions): Promise<Targets> {
    const sts = stsClient(options.homeRegion, { credentials: options.credentials, maxAttempts: options.maxAttempts, onCall: options.onCall });
    let callerAccount: string;
    try {
        callerAccount = (await sts.send(new GetCallerIdentityCommand({}))).Account!;
    } finally {
        sts.destroy();
    }
    const targets: AccountTarget[] = [];
    const notEvaluated: NotEvaluated[] = [];
    // An account that was asked for but cannot be audited is listed, never dropped.
    const skip = (account: string, service: string, reason: string): void => {
        for (const region of options.regions ?? ["*"]) {
            notEvaluated.push({ account, region, service, arn: null, reason });
        }
    };
    let accountIds: string[];
    if (options.org) {
        const members = await organizationAccounts(options);
        accountIds = [];
        for (const account of options.accounts ?? [...members.keys()].sort()) {
            const state = members.get(account);
            if (state === "ACTIVE") {
                accountIds.push(account);
            } else {
                skip(account, "organizations", state === undefined ? `account ${account} is not a member of the organization` : `account ${account} is ${state}, not ACTIVE`);
            }
        }
    } else {
        accountIds = [];
        for (const account of options.accounts ?? [callerAccount]) {
            if (account === callerAccount || options.roleName) {
                accountIds.push(account);
            } else {
                skip(account, "sts", `account ${account} is not the caller's (${callerAccount}); pass --role-name NAME to audit it through a role assumed there`);
            }
        }
    }
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
            skip(account, options.regions ? "sts" : "sts/ec2", `cannot audit account ${account}: ${describeAwsError(error)}`);
        }
    }
    return { targets, notEvaluated };
}
