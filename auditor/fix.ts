import { PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { UpdateStageCommand } from "@aws-sdk/client-api-gateway";
import { UpdateFunctionConfigurationCommand, type UpdateFunctionConfigurationCommandInput } from "@aws-sdk/client-lambda";
import { remediationsFor } from "../policies/evaluate";
import { RESOURCE_TYPES } from "../policies/lib/names";
import type { PropertyPatch } from "../policies/lib/policy";
import { describeAwsError, destroyRegionClients, regionClients, type ClientSettings, type RegionClients } from "./aws/clients";
import type { RegionAudit } from "./collect/region";
import { mapWithConcurrency } from "../engine/concurrency";
import type { FixResult, LiveResource } from "./model";
import type { ConfiguredPolicy } from "./policy-setup";

/**
 * `--fix`: the remediations the pack's policies offer (the same `remediate` functions that
 * `pulumi preview` uses in `remediate` mode), applied to live resources through the AWS APIs.
 * All patches for one resource go into one call, because Lambda rejects a second configuration
 * update while the first is in progress.
 */

export interface PlannedFix {
    resource: LiveResource;
    policies: string[];
    /** The merged patch, nested like the resource's Pulumi inputs. */
    patch: PropertyPatch;
    /** The API call and its arguments, as shown to the user before and after. */
    change: string;
}

function nested(patch: PropertyPatch, key: string): PropertyPatch {
    const value = patch[key];
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as PropertyPatch) : {};
}

function describeChange(resource: LiveResource, patch: PropertyPatch): string {
    switch (resource.view.type) {
        case RESOURCE_TYPES.lambdaFunction: {
            const parts: string[] = [];
            if (patch.tracingConfig) parts.push(`TracingConfig.Mode=${String(nested(patch, "tracingConfig").mode)}`);
            if (patch.loggingConfig) {
                const logging = nested(patch, "loggingConfig");
                parts.push(`LoggingConfig={LogFormat=${String(logging.logFormat)}, ApplicationLogLevel=${String(logging.applicationLogLevel)}, SystemLogLevel=${String(logging.systemLogLevel)}}`);
            }
            return `lambda:UpdateFunctionConfiguration ${parts.join(" ")}`;
        }
        case RESOURCE_TYPES.logGroup:
            return `logs:PutRetentionPolicy retentionInDays=${String(patch.retentionInDays)}`;
        case RESOURCE_TYPES.restStage:
            return `apigateway:UpdateStage replace /tracingEnabled=${String(patch.xrayTracingEnabled)}`;
        default:
            throw new Error(`no AWS API is mapped for remediating ${resource.view.type} (properties ${Object.keys(patch).join(", ")})`);
    }
}

export function planFixes(regions: readonly RegionAudit[], policies: readonly ConfiguredPolicy[]): PlannedFix[] {
    const plans: PlannedFix[] = [];
    for (const audit of regions) {
        for (const resource of audit.resources) {
            let patch: PropertyPatch = {};
            const names: string[] = [];
            for (const { definition, config } of policies) {
                if (definition.kind !== "resource" || !definition.remediate) continue;
                for (const remediation of remediationsFor(resource.view, config, { policies: [definition.name] })) {
                    patch = { ...patch, ...remediation.patch };
                    names.push(remediation.policy);
                }
            }
            if (names.length > 0) {
                plans.push({ resource, policies: names, patch, change: describeChange(resource, patch) });
            }
        }
    }
    return plans;
}

async function apply(clients: RegionClients, fix: PlannedFix): Promise<void> {
    const { view } = fix.resource;
    const props = view.props;
    switch (view.type) {
        case RESOURCE_TYPES.lambdaFunction: {
            const input: UpdateFunctionConfigurationCommandInput = { FunctionName: String(props.name) };
            if (fix.patch.tracingConfig) {
                input.TracingConfig = { Mode: String(nested(fix.patch, "tracingConfig").mode) as "Active" };
            }
            if (fix.patch.loggingConfig) {
                const logging = nested(fix.patch, "loggingConfig");
                input.LoggingConfig = {
                    LogFormat: String(logging.logFormat) as "JSON",
                    ApplicationLogLevel: String(logging.applicationLogLevel) as "INFO",
                    SystemLogLevel: String(logging.systemLogLevel) as "INFO",
                };
            }
            await clients.lambda.send(new UpdateFunctionConfigurationCommand(input));
            return;
        }
        case RESOURCE_TYPES.logGroup:
            await clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: String(props.name), retentionInDays: Number(fix.patch.retentionInDays) }));
            return;
        case RESOURCE_TYPES.restStage:
            await clients.apigateway.send(
                new UpdateStageCommand({
                    restApiId: String(props.restApi),
                    stageName: String(props.stageName),
                    patchOperations: [{ op: "replace", path: "/tracingEnabled", value: String(fix.patch.xrayTracingEnabled) }],
                }),
            );
            return;
        default:
            throw new Error(`no AWS API is mapped for remediating ${view.type}`);
    }
}

export async function applyFixes(
    plans: readonly PlannedFix[],
    credentials: ReadonlyMap<string, ClientSettings["credentials"]>,
    settings: Omit<ClientSettings, "credentials">,
    concurrency: number,
): Promise<FixResult[]> {
    const groups = new Map<string, PlannedFix[]>();
    for (const plan of plans) {
        const key = `${plan.resource.account}/${plan.resource.region}`;
        groups.set(key, [...(groups.get(key) ?? []), plan]);
    }
    const results = await mapWithConcurrency([...groups.values()], concurrency, async (group) => {
        const { account, region } = group[0].resource;
        const clients = regionClients(region, { ...settings, credentials: credentials.get(account)! });
        try {
            return await mapWithConcurrency(group, concurrency, async (plan): Promise<FixResult[]> => {
                let error: string | undefined;
                try {
                    await apply(clients, plan);
                } catch (failure) {
                    error = describeAwsError(failure);
                }
                return plan.policies.map((policy) => ({
                    account,
                    region,
                    arn: plan.resource.arn,
                    policy,
                    change: plan.change,
                    ok: error === undefined,
                    ...(error === undefined ? {} : { error }),
                }));
            });
        } finally {
            destroyRegionClients(clients);
        }
    });
    return results.flat(2);
}
