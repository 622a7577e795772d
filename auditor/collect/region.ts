import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { describeAwsError, type RegionClients } from "../aws/clients";
import { tagsOf } from "../aws/tagging";
import { methodSettingsViews, restApiArn, restApiView, restStageView } from "../map/apigateway";
import { v2ApiArn, v2ApiView, v2StageView } from "../map/apigatewayv2";
import { functionView } from "../map/lambda";
import { logGroupArn, logGroupView } from "../map/logs";
import type { AuditedService, LiveResource, NotEvaluated } from "../model";
import { listRestApis, type RestApiState } from "./apigateway";
import { listV2Apis, type V2ApiState } from "./apigatewayv2";
import { listFunctions } from "./lambda";
import { listLogGroups } from "./logs";

/**
 * Everything the auditor needs from one account-region, read with the fewest calls: one paged
 * listing per service, one `GetStages` per API, and one paged `GetResources` for the tags of
 * functions and log groups (which their listings lack). A failing call never aborts the region:
 * what it would have provided is listed as not evaluated, with the reason.
 */

export interface RegionAudit {
    account: string;
    region: string;
    resources: LiveResource[];
    notEvaluated: NotEvaluated[];
    /**
     * Whether every listing succeeded. Stack policies join resources across services (a
     * function to its log group), so with a listing missing they would report false findings;
     * they run only on complete regions.
     */
    complete: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    try {
        return { ok: true, value: await work() };
    } catch (error) {
        return { ok: false, reason: describeAwsError(error) };
    }
}

export async function collectRegion(account: string, clients: RegionClients, concurrency: number): Promise<RegionAudit> {
    const region = clients.region;
    const [functions, logGroups, restApis, v2Apis, tags] = await Promise.all([
        attempt<FunctionConfiguration[]>(() => listFunctions(clients.lambda)),
        attempt<LogGroup[]>(() => listLogGroups(clients.logs)),
        attempt<RestApiState[]>(() => listRestApis(clients.apigateway, concurrency)),
        attempt<V2ApiState[]>(() => listV2Apis(clients.apigatewayv2, concurrency)),
        attempt(() => tagsOf(clients.tagging, ["lambda", "logs"])),
    ]);
    const resources: LiveResource[] = [];
    const notEvaluated: NotEvaluated[] = [];
    const skip = (service: string, arn: string | null, reason: string) => notEvaluated.push({ account, region, service, arn, reason });
    const add = (service: AuditedService, arn: string, view: LiveResource["view"], counted = true) =>
        resources.push({ account, region, service, arn, view, counted });

    const tagsByArn = new Map<string, Record<string, string>>();
    if (tags.ok) {
        for (const tagged of tags.value) {
            tagsByArn.set(tagged.arn.replace(/:\*$/, ""), tagged.tags);
        }
    }
    const tagsFailure = tags.ok ? undefined : `tags (and so waivers) could not be read: GetResources failed: ${tags.reason}`;

    if (!functions.ok) {
        skip("lambda", null, `ListFunctions failed: ${functions.reason}`);
    } else if (tagsFailure) {
        skip("lambda", null, tagsFailure);
    } else {
        for (const fn of functions.value) {
            add("lambda", fn.FunctionArn!, functionView(fn, tagsByArn.get(fn.FunctionArn!) ?? {}));
        }
    }
    if (!logGroups.ok) {
        skip("logs", null, `DescribeLogGroups failed: ${logGroups.reason}`);
    } else if (tagsFailure) {
        skip("logs", null, tagsFailure);
    } else {
        for (const group of logGroups.value) {
            const arn = logGroupArn(group);
            add("logs", arn, logGroupView(group, tagsByArn.get(arn) ?? {}));
        }
    }
    let stagesComplete = true;
    if (!restApis.ok) {
        skip("apigateway", null, `GetRestApis failed: ${restApis.reason}`);
    } else {
        for (const { api, stages, error } of restApis.value) {
            add("apigateway", restApiArn(region, api.id!), restApiView(region, api));
            if (!stages) {
                stagesComplete = false;
                skip("apigateway", restApiArn(region, api.id!), `GetStages failed: ${describeAwsError(error)}`);
                continue;
            }
            for (const stage of stages) {
                const view = restStageView(region, api, stage);
                add("apigateway", view.urn!, view);
                for (const settings of methodSettingsViews(region, api, stage)) {
                    add("apigateway", String(settings.props.arn), settings, false);
                }
            }
        }
    }
    if (!v2Apis.ok) {
        skip("apigatewayv2", null, `GetApis failed: ${v2Apis.reason}`);
    } else {
        for (const { api, stages, error } of v2Apis.value) {
            add("apigatewayv2", v2ApiArn(region, api.ApiId!), v2ApiView(region, api));
            if (!stages) {
                stagesComplete = false;
                skip("apigatewayv2", v2ApiArn(region, api.ApiId!), `GetStages failed: ${describeAwsError(error)}`);
                continue;
            }
            for (const stage of stages) {
                const view = v2StageView(region, api, stage);
                add("apigatewayv2", view.urn!, view);
            }
        }
    }
    const complete = functions.ok && logGroups.ok && restApis.ok && v2Apis.ok && tags.ok && stagesComplete;
    return { account, region, resources, notEvaluated, complete };
}
