import { ACCOUNT } from "./support/emulator";
import { compliantFunction, compliantLogGroup, compliantRestApi, logGroupArn, V2_ACCESS_LOG_FORMAT, type RegionEstate } from "./support/estate";

/**
 * The audited test account: two regions with compliant and non-compliant resources of every
 * kind the auditor covers. us-east-1 has more than one page of functions and log groups.
 */

export const REGIONS = ["eu-west-1", "us-east-1"] as const;
export const PAGED_REGION = "us-east-1";
/** Compliant functions (each with a compliant log group) that push the listings past one page. */
export const FILLER_FUNCTIONS = 56;
export const FAR_FUTURE = "2999-12-31";

export function estateFor(region: string): RegionEstate {
    const fillers = region === PAGED_REGION ? FILLER_FUNCTIONS : 2;
    const functions = [
        ...Array.from({ length: fillers }, (_, i) => compliantFunction(`ok-${String(i).padStart(3, "0")}`)),
        compliantFunction("no-tracing", { tracing: "PassThrough" }),
        compliantFunction("text-logs", { logging: { LogFormat: "Text" } }),
        compliantFunction("debug-logs", { logging: { LogFormat: "JSON", ApplicationLogLevel: "DEBUG", SystemLogLevel: "INFO" } }),
        compliantFunction("no-log-group"),
        compliantFunction("short-retention"),
        compliantFunction("custom-group", { logging: { LogFormat: "JSON", ApplicationLogLevel: "INFO", SystemLogLevel: "INFO", LogGroup: "/app/custom" } }),
        compliantFunction("waived-tracing", { tracing: "PassThrough", tags: { "observability:waiver:lambda-tracing-active": `${FAR_FUTURE} vendor layer breaks with X-Ray` } }),
        compliantFunction("expired-waiver", { tracing: "PassThrough", tags: { "observability:waiver:lambda-tracing-active": "2020-01-31 migration" } }),
    ];
    const groupsFor = functions
        .filter((fn) => fn.name !== "no-log-group" && fn.name !== "custom-group")
        .map((fn) => compliantLogGroup(`/aws/lambda/${fn.name}`, fn.name === "short-retention" ? { retentionInDays: 30 } : {}));
    return {
        region,
        functions,
        logGroups: [
            ...groupsFor,
            compliantLogGroup("/app/custom"),
            compliantLogGroup("/apigw/access"),
            compliantLogGroup("/logs/never-expires", { retentionInDays: undefined }),
            compliantLogGroup("/logs/no-kms", { kmsKeyId: undefined }),
        ],
        restApis: [
            compliantRestApi(region, "good-rest"),
            compliantRestApi(region, "bad-rest", { tracing: false, accessLog: undefined, allMethods: undefined, executionLogRetention: undefined }),
            compliantRestApi(region, "half-rest", {
                accessLog: { destinationArn: logGroupArn(region, "/apigw/access"), format: "$context.requestId $context.status" },
                allMethods: { loggingLevel: "OFF", metricsEnabled: false, dataTraceEnabled: true },
                executionLogRetention: 14,
            }),
        ],
        v2Apis: [
            { name: "good-http", protocol: "HTTP", stage: "$default", accessLog: { destinationArn: logGroupArn(region, "/apigw/access"), format: V2_ACCESS_LOG_FORMAT } },
            { name: "bad-http", protocol: "HTTP", stage: "$default" },
            { name: "good-ws", protocol: "WEBSOCKET", stage: "prod", accessLog: { destinationArn: logGroupArn(region, "/apigw/access"), format: V2_ACCESS_LOG_FORMAT }, loggingLevel: "INFO" },
            { name: "bad-ws", protocol: "WEBSOCKET", stage: "prod", accessLog: { destinationArn: logGroupArn(region, "/apigw/access"), format: V2_ACCESS_LOG_FORMAT }, loggingLevel: "OFF" },
        ],
    };
}

/** What the pack's policies must report per region (environment prod, the default): name → policies. */
export const EXPECTED_FINDINGS: ReadonlyArray<[string, string]> = [
    ["no-tracing", "lambda-tracing-active"],
    ["expired-waiver", "lambda-tracing-active"],
    ["text-logs", "lambda-structured-logging"],
    ["debug-logs", "lambda-structured-logging"],
    ["no-log-group", "lambda-log-group-declared"],
    ["short-retention", "lambda-log-group-declared"],
    ["/aws/lambda/short-retention", "log-group-retention"],
    ["/logs/never-expires", "log-group-retention"],
    ["/logs/no-kms", "log-group-encryption"],
    ["bad-rest/prod", "rest-stage-xray-tracing"],
    ["bad-rest/prod", "rest-stage-access-logs"],
    ["bad-rest/prod", "rest-stage-method-settings-declared"],
    ["bad-rest/prod", "rest-stage-log-groups-declared"],
    ["half-rest/prod", "rest-stage-access-logs"],
    ["half-rest/prod/*/*", "rest-stage-execution-logging"],
    ["half-rest/prod/*/*", "rest-stage-execution-logging"],
    ["half-rest/prod/*/*", "rest-stage-execution-logging"],
    ["half-rest/prod", "rest-stage-log-groups-declared"],
    ["bad-http/$default", "v2-stage-access-logs"],
    ["bad-ws/prod", "websocket-execution-logging"],
    ["waived-tracing", "waivers-in-use"],
];

export const ACCOUNT_ID = ACCOUNT;
