import {
    ALARM_DEFAULTS,
    DEFAULT_AUDIT_TRAIL,
    DEFAULT_RESERVOIR_PER_SECOND,
    DEFAULT_UNSAMPLED_PATHS,
    ENVIRONMENT_DEFAULTS,
} from "../../config/defaults";
import { EstateConfig, Environment, ServiceConfig, ServiceKind, ServiceSlo } from "../../config/types";
import { serviceApiName, serviceFunctionName } from "../../components/naming";

/**
 * Validated stack configurations for tests, built directly (not through config/load.ts):
 * the environment defaults of SPEC §3 and the six reference services of the stack files.
 */

export function sampleService(
    environment: Environment,
    name: string,
    kind: ServiceKind,
    slo: ServiceSlo,
    extra: Partial<ServiceConfig> = {},
): ServiceConfig {
    return {
        name,
        kind,
        slo,
        runbookUrl: `https://runbooks.example.com/services/${name}`,
        dynamodbTables: [],
        deadLetterQueues: [],
        apiName: serviceApiName(environment, name),
        apiStage: environment,
        functionNames: [serviceFunctionName(environment, name)],
        ...extra,
    };
}

/** The reference services (SPEC §3 SLOs), with the tables and queues the stack files name. */
export function sampleServices(environment: Environment): ServiceConfig[] {
    const env = environment;
    return [
        sampleService(env, "order", "api", { availabilityPercent: 99.9, latencyP99Ms: 1000, errorRatePercent: 0.1 }, {
            dynamodbTables: [`${env}-orders`],
            deadLetterQueues: [`${env}-order-events-dlq`],
        }),
        sampleService(env, "user", "api", { availabilityPercent: 99.9, latencyP99Ms: 500, errorRatePercent: 0.1 }, {
            dynamodbTables: [`${env}-users`],
        }),
        sampleService(env, "catalog", "api", { availabilityPercent: 99.5, latencyP99Ms: 500, errorRatePercent: 0.5 }, {
            dynamodbTables: [`${env}-products`],
        }),
        sampleService(env, "payment", "api", { availabilityPercent: 99.95, latencyP99Ms: 5000, errorRatePercent: 0.05 }, {
            dynamodbTables: [`${env}-payments`],
            deadLetterQueues: [`${env}-payment-retries-dlq`],
        }),
        sampleService(env, "search", "api", { availabilityPercent: 99.0, latencyP99Ms: 1000, errorRatePercent: 1.0 }),
        sampleService(env, "notifications", "lambda", { availabilityPercent: 95.0, errorRatePercent: 5.0 }, {
            deadLetterQueues: [`${env}-notifications-dlq`],
        }),
    ];
}

/** A complete, valid EstateConfig for `environment`; `overrides` replace whole top-level settings. */
export function estateConfigFor(environment: Environment, overrides: Partial<EstateConfig> = {}): EstateConfig {
    const defaults = ENVIRONMENT_DEFAULTS[environment];
    return {
        environment,
        services: sampleServices(environment),
        retention: { ...defaults.retention },
        archive: { ...defaults.archive },
        tracing: {
            samplingRate: defaults.samplingRate,
            reservoirPerSecond: DEFAULT_RESERVOIR_PER_SECOND,
            unsampledPaths: [...DEFAULT_UNSAMPLED_PATHS],
        },
        alerting: { emails: [`${environment}-alerts@example.com`] },
        alarms: { ...ALARM_DEFAULTS },
        kms: {},
        auditTrail: DEFAULT_AUDIT_TRAIL,
        // The reference service has its own tests (test/reference-service); estate tests see the estate alone.
        referenceService: false,
        ...overrides,
    };
}
