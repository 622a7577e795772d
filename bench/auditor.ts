/**
 * Benchmark of the auditor's collection against the AWS emulator (moto, through the test
 * launcher): 1,000 functions, 1,000 log groups, 100 REST APIs and 50 HTTP APIs in one region.
 * Compares, in one run, the API calls and wall time of the auditor's collector with a naive
 * collector that makes per-function calls (GetFunctionConfiguration + a log-group lookup each),
 * and with the minimum possible (the listing pages plus one GetStages per API).
 *
 * Run: npx ts-node --transpile-only bench/auditor.ts [--functions 1000] [--log-groups 1000]
 *      [--rest-apis 100] [--http-apis 50] [--concurrency 8]
 */
import { CreateApiCommand, CreateStageCommand as CreateV2StageCommand, ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, DescribeLogGroupsCommand, paginateDescribeLogGroups } from "@aws-sdk/client-cloudwatch-logs";
import { GetFunctionConfigurationCommand, LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { Command } from "commander";
import { runAudit } from "../auditor/audit";
import type { ApiCall } from "../auditor/aws/calls";
import { regionClients } from "../auditor/aws/clients";
import { listRestApis } from "../auditor/collect/apigateway";
import { listV2Apis } from "../auditor/collect/apigatewayv2";
import { collectRegion } from "../auditor/collect/region";
import { mapWithConcurrency } from "../engine/concurrency";
import { configuredPolicies } from "../auditor/policy-setup";
import { ACCOUNT, LAMBDA_ROLE, LAMBDA_ROLE_ARN, emulatorEnv, seedDirect, startEmulator, withEnv } from "../test/auditor/support/emulator";
import { compliantRestApi, seedRegion, V2_ACCESS_LOG_FORMAT, logGroupArn } from "../test/auditor/support/estate";

const REGION = "us-east-1";
const LIST_FUNCTIONS_PAGE = 50;
const DESCRIBE_LOG_GROUPS_PAGE = 50;
const GET_RESOURCES_PAGE = 100;
const SEED_CHUNK = 250;

interface Options {
    functions: number;
    logGroups: number;
    restApis: number;
    httpApis: number;
    concurrency: number;
}

function counter(calls: ApiCall[]) {
    return (call: ApiCall) => calls.push(call);
}

function byOperation(calls: readonly ApiCall[]): string {
    const counts = new Map<string, number>();
    for (const call of calls) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
    return [...counts].sort().map(([operation, count]) => `${operation} ${count}`).join(", ");
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
    const start = process.hrtime.bigint();
    const result = await work();
    return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/** What a collector without list-level data would do: per-function configuration and log-group lookups. */
async function naiveCollect(concurrency: number, onCall: (call: ApiCall) => void): Promise<number> {
    const clients = regionClients(REGION, { credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }), maxAttempts: 3, onCall });
    try {
        const names: string[] = [];
        for await (const page of paginateListFunctions({ client: clients.lambda as LambdaClient, pageSize: LIST_FUNCTIONS_PAGE }, {})) {
            names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName!));
        }
        await mapWithConcurrency(names, concurrency, async (name) => {
            await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
            await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${name}` }));
        });
        let groups = 0;
        for await (const page of paginateDescribeLogGroups({ client: clients.logs as CloudWatchLogsClient, pageSize: DESCRIBE_LOG_GROUPS_PAGE }, {})) {
            groups += page.logGroups?.length ?? 0;
        }
        await listRestApis(clients.apigateway, concurrency);
        await listV2Apis(clients.apigatewayv2, concurrency);
        return names.length + groups;
    } finally {
        clients.lambda.destroy();
        clients.logs.destroy();
        clients.apigateway.destroy();
        clients.apigatewayv2.destroy();
    }
}

async function seed(options: Options, endpoint: string): Promise<Record<string, number>> {
    const timings: Record<string, number> = {};
    const functionNames = Array.from({ length: options.functions }, (_, i) => `bench-fn-${String(i).padStart(5, "0")}`);
    // Moto's CreateFunction unpacks and hashes the zip per request; the launcher's direct path
    // creates the same functions in its backend (CreateFunction request shapes, LoggingConfig kept).
    [, timings.functionsMs] = await timed(async () => {
        await seedDirect(endpoint, { region: REGION, roles: [LAMBDA_ROLE] });
        for (let start = 0; start < functionNames.length; start += SEED_CHUNK) {
            await seedDirect(endpoint, {
                region: REGION,
                functions: functionNames.slice(start, start + SEED_CHUNK).map((name, i) => ({
                    FunctionName: name,
                    Role: LAMBDA_ROLE_ARN,
                    Runtime: "nodejs20.x",
                    Handler: "index.handler",
                    TracingConfig: { Mode: (start + i) % 10 === 0 ? "PassThrough" : "Active" },
                    LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "INFO", SystemLogLevel: "INFO" },
                    Tags: (start + i) % 100 === 0 ? { team: "bench" } : {},
                })),
            });
        }
    });
    [, timings.logGroupsMs] = await timed(async () => {
        const groups = Array.from({ length: options.logGroups }, (_, i) => ({
            name: i < functionNames.length ? `/aws/lambda/${functionNames[i]}` : `/bench/group-${i}`,
            retentionInDays: i % 20 === 0 ? undefined : 365,
            kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/bench`,
        }));
        for (let start = 0; start < groups.length; start += SEED_CHUNK) {
            await seedDirect(endpoint, { region: REGION, logGroups: groups.slice(start, start + SEED_CHUNK) });
        }
    });
    [, timings.apisMs] = await timed(async () => {
        await seedRegion(
            {
                region: REGION,
                functions: [],
                logGroups: [],
                restApis: Array.from({ length: options.restApis }, (_, i) => compliantRestApi(REGION, `bench-rest-${i}`, { executionLogRetention: undefined })),
                v2Apis: [],
            },
            options.concurrency,
        );
        const v2 = new ApiGatewayV2Client({ region: REGION });
        try {
            await mapWithConcurrency(Array.from({ length: options.httpApis }, (_, i) => i), options.concurrency, async (i) => {
                const api = await v2.send(new CreateApiCommand({ Name: `bench-http-${i}`, ProtocolType: "HTTP" }));
                await v2.send(
                    new CreateV2StageCommand({ ApiId: api.ApiId, StageName: "$default", AccessLogSettings: { DestinationArn: logGroupArn(REGION, "/apigw/access"), Format: V2_ACCESS_LOG_FORMAT } }),
                );
            });
        } finally {
            v2.destroy();
        }
    });
    return timings;
}

/** One API-seeded sample, to say how long seeding 1,000 functions through CreateFunction would take. */
async function apiSeedingSample(size: number, concurrency: number): Promise<number> {
    const [, ms] = await timed(() =>
        seedRegion({ region: "us-west-2", functions: Array.from({ length: size }, (_, i) => ({ name: `sample-${i}`, tracing: "Active" as const })), logGroups: [], restApis: [], v2Apis: [] }, concurrency),
    );
    return ms;
}

async function main(): Promise<void> {
    const options = new Command("bench-auditor")
        .option("--functions <n>", "functions", Number, 1000)
        .option("--log-groups <n>", "log groups", Number, 1000)
        .option("--rest-apis <n>", "REST APIs (one stage each)", Number, 100)
        .option("--http-apis <n>", "HTTP APIs (one stage each)", Number, 50)
        .option("--concurrency <n>", "calls in flight", Number, 8)
        .parse()
        .opts<Options>();
    const emulator = await startEmulator();
    const restore = withEnv(emulatorEnv(emulator.endpoint));
    try {
        const sampleSize = 100;
        const sampleMs = await apiSeedingSample(sampleSize, options.concurrency);
        const seedTimings = await seed(options, emulator.endpoint);

        const collect = (onCall: (call: ApiCall) => void) =>
            collectRegion(ACCOUNT, regionClients(REGION, { credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }), maxAttempts: 3, onCall }), options.concurrency);
        // The emulator loads each service's code on its first request; a warm-up pass keeps that out of both timings.
        await collect(() => undefined);
        const auditorCalls: ApiCall[] = [];
        const [regionAudit, auditorMs] = await timed(() => collect(counter(auditorCalls)));
        const naiveCalls: ApiCall[] = [];
        const [, naiveMs] = await timed(() => naiveCollect(options.concurrency, counter(naiveCalls)));
        const fullCalls: ApiCall[] = [];
        const [run, fullMs] = await timed(() =>
            runAudit({
                credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
                homeRegion: REGION,
                regions: [REGION],
                org: false,
                maxAttempts: 3,
                onCall: counter(fullCalls),
                policies: configuredPolicies(undefined),
                concurrency: options.concurrency,
            }),
        );

        const collected = (service: string) => regionAudit.resources.filter((resource) => resource.service === service && resource.counted);
        const tagged = [...collected("lambda"), ...collected("logs")].filter((resource) => Object.keys((resource.view.props.tags as object) ?? {}).length > 0).length;
        const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
        const minimum =
            pages(collected("lambda").length, LIST_FUNCTIONS_PAGE) +
            pages(collected("logs").length, DESCRIBE_LOG_GROUPS_PAGE) +
            1 + options.restApis +
            1 + options.httpApis +
            pages(tagged, GET_RESOURCES_PAGE);
        const rows = [
            ["collector", "API calls", "wall time (ms)", "calls by operation"],
            ["minimum possible (pages + one GetStages per API)", String(minimum), "-", ""],
            ["auditor (list-level collection)", String(auditorCalls.length), auditorMs.toFixed(0), byOperation(auditorCalls)],
            ["naive (per-function calls)", String(naiveCalls.length), naiveMs.toFixed(0), byOperation(naiveCalls)],
            ["auditor, full audit (identity + collection + policies)", String(fullCalls.length), fullMs.toFixed(0), `${run.report.summary.resources} resources, ${run.report.summary.findings} findings`],
        ];
        console.log(`Estate: ${options.functions} functions, ${options.logGroups} log groups, ${options.restApis} REST APIs, ${options.httpApis} HTTP APIs (${REGION}); concurrency ${options.concurrency}.`);
        console.log(
            `Seeding: functions ${seedTimings.functionsMs.toFixed(0)} ms (launcher fast path), log groups ${seedTimings.logGroupsMs.toFixed(0)} ms (fast path), APIs ${seedTimings.apisMs.toFixed(0)} ms (AWS APIs); ` +
                `${sampleSize} functions through CreateFunction took ${sampleMs.toFixed(0)} ms (~${((sampleMs * options.functions) / sampleSize / 1000).toFixed(0)} s for ${options.functions}).`,
        );
        for (const row of rows) console.log(`| ${row.join(" | ")} |`);
        const perFunction = auditorCalls.filter((call) => call.operation === "GetFunctionConfiguration" || call.operation === "GetFunction").length;
        console.log(
            `Per-function calls by the auditor: ${perFunction}. Call ratio naive/auditor: ${(naiveCalls.length / auditorCalls.length).toFixed(1)}x; time ratio: ${(naiveMs / auditorMs).toFixed(1)}x.`,
        );
        if (perFunction > 0 || auditorCalls.length > minimum || naiveCalls.length < 5 * auditorCalls.length || naiveMs <= auditorMs) {
            console.error("benchmark targets not met: no per-function calls, at most the minimum calls, >= 5x fewer calls and faster than naive");
            process.exitCode = 1;
        }
    } finally {
        restore();
        await emulator.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
});
