import { MINIMUM_LOG_RETENTION_DAYS, SEVEN_YEARS_DAYS } from "../policies/rules/cloudwatch";
import { AlarmConfig, ArchiveConfig, Environment, RetentionConfig } from "./types";

/** The settings whose defaults differ between environments (SPEC §3). */
export interface EnvironmentDefaults {
    retention: RetentionConfig;
    archive: ArchiveConfig;
    /** Default X-Ray fixed sampling rate. */
    samplingRate: number;
    /** Whether the reference service is deployed when the stack does not say. */
    referenceService: boolean;
}

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, Readonly<EnvironmentDefaults>>> = {
    dev: {
        retention: { application: MINIMUM_LOG_RETENTION_DAYS.dev, access: MINIMUM_LOG_RETENTION_DAYS.dev, audit: SEVEN_YEARS_DAYS },
        archive: { glacierTransitionDays: 30, expirationDays: 90, objectLock: false },
        samplingRate: 1.0,
        referenceService: true,
    },
    staging: {
        retention: {
            application: MINIMUM_LOG_RETENTION_DAYS.staging,
            access: MINIMUM_LOG_RETENTION_DAYS.staging,
            audit: SEVEN_YEARS_DAYS,
        },
        archive: { glacierTransitionDays: 30, expirationDays: 365, objectLock: false },
        samplingRate: 0.1,
        referenceService: false,
    },
    prod: {
        retention: {
            application: MINIMUM_LOG_RETENTION_DAYS.prod,
            access: MINIMUM_LOG_RETENTION_DAYS.prod,
            audit: SEVEN_YEARS_DAYS,
        },
        // Archived audit data must outlive the seven years the audit log group keeps it.
        archive: { glacierTransitionDays: 90, expirationDays: SEVEN_YEARS_DAYS, objectLock: true },
        samplingRate: 0.01,
        referenceService: false,
    },
};

/** Requests per second traced before the fixed rate applies. */
export const DEFAULT_RESERVOIR_PER_SECOND = 1;

/** Health, readiness and metrics probes: traffic that tells nothing and would eat the reservoir. */
export const DEFAULT_UNSAMPLED_PATHS: readonly string[] = ["/health", "/ready", "/metrics"];

export const ALARM_DEFAULTS: Readonly<AlarmConfig> = {
    errorRatePercent: 5,
    latencyP95Ms: 500,
    concurrencyPercent: 80,
    accountConcurrencyLimit: 1000,
    trafficSpikePercent: 50,
    trafficSpikeMinimumRequests: 100,
    anomalyDetection: false,
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
};

export const DEFAULT_AUDIT_TRAIL = true;
