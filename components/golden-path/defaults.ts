import { ENVIRONMENT_DEFAULTS } from "../../config/defaults";
import { Environment } from "../../config/types";
import { API_GATEWAY_EXECUTION_LOGGING_LEVELS, LambdaApplicationLogLevel, LambdaSystemLogLevel } from "../../policies/rules/cloudwatch";

/** API Gateway execution-log levels the policy pack accepts (`OFF` is a violation). */
export const REST_EXECUTION_LOGGING_LEVELS = API_GATEWAY_EXECUTION_LOGGING_LEVELS;
export type RestExecutionLoggingLevel = (typeof REST_EXECUTION_LOGGING_LEVELS)[number];

/** What the golden-path blocks choose when the caller says nothing. */
export interface GoldenPathDefaults {
    /** Lambda function logs (application log class). */
    functionRetentionInDays: number;
    /** API Gateway access and execution logs (access log class). */
    apiRetentionInDays: number;
    applicationLogLevel: LambdaApplicationLogLevel;
    systemLogLevel: LambdaSystemLogLevel;
    restExecutionLoggingLevel: RestExecutionLoggingLevel;
}

/**
 * Staging keeps prod's Lambda log levels so that what is tested is what runs in prod, but keeps
 * INFO execution logs on REST stages because that is where integration problems get debugged.
 */
export const GOLDEN_PATH_DEFAULTS: Readonly<Record<Environment, Readonly<GoldenPathDefaults>>> = {
    dev: {
        functionRetentionInDays: ENVIRONMENT_DEFAULTS.dev.retention.application,
        apiRetentionInDays: ENVIRONMENT_DEFAULTS.dev.retention.access,
        applicationLogLevel: "DEBUG",
        systemLogLevel: "INFO",
        restExecutionLoggingLevel: "INFO",
    },
    staging: {
        functionRetentionInDays: ENVIRONMENT_DEFAULTS.staging.retention.application,
        apiRetentionInDays: ENVIRONMENT_DEFAULTS.staging.retention.access,
        applicationLogLevel: "INFO",
        systemLogLevel: "WARN",
        restExecutionLoggingLevel: "INFO",
    },
    prod: {
        functionRetentionInDays: ENVIRONMENT_DEFAULTS.prod.retention.application,
        apiRetentionInDays: ENVIRONMENT_DEFAULTS.prod.retention.access,
        applicationLogLevel: "INFO",
        systemLogLevel: "WARN",
        restExecutionLoggingLevel: "ERROR",
    },
};

/**
 * Stage throttling of HTTP APIs. The provider sends 0 for limits left unset in
 * `defaultRouteSettings`, which throttles every request, so the golden path always sets both.
 */
export const DEFAULT_HTTP_THROTTLING = { rateLimit: 1000, burstLimit: 500 } as const;
