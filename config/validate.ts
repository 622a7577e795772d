import * as pulumi from "@pulumi/pulumi";
import { serviceApiName, serviceFunctionName, serviceNameLengthProblems } from "../components/naming";
import {
    ALARM_MAX_DETECTION_SECONDS,
    ALARM_MAX_WINDOW_SECONDS,
    CLOUDWATCH_RETENTION_DAYS,
    MINIMUM_LOG_RETENTION_DAYS,
    SEVEN_YEARS_DAYS,
    isCloudWatchRetention,
    isValidAlarmPeriod,
    suggestedRetention,
} from "../policies/rules/cloudwatch";
import {
    ALARM_DEFAULTS,
    DEFAULT_AUDIT_TRAIL,
    DEFAULT_RESERVOIR_PER_SECOND,
    DEFAULT_UNSAMPLED_PATHS,
    ENVIRONMENT_DEFAULTS,
} from "./defaults";
import { FieldReader, childKey } from "./fields";
import { ConfigValidationError, ProblemList } from "./problems";
import {
    AlarmConfig,
    AlertingConfig,
    ArchiveConfig,
    AuditorRoleConfig,
    ENVIRONMENTS,
    Environment,
    EstateConfig,
    KmsConfig,
    RetentionConfig,
    SERVICE_KINDS,
    ServiceConfig,
    SlackConfig,
    TracingConfig,
} from "./types";

/** The Pulumi config namespace of every estate setting. */
export const CONFIG_NAMESPACE = "observability";

/** Every key the namespace accepts; anything else is reported, never ignored. */
export const TOP_LEVEL_KEYS = [
    "environment",
    "services",
    "retentionDays",
    "archive",
    "tracing",
    "alerting",
    "pagerDutyEventsUrl",
    "alarms",
    "kms",
    "auditTrail",
    "referenceService",
    "auditorRole",
] as const;
export type TopLevelKey = (typeof TOP_LEVEL_KEYS)[number];

/** Top-level keys whose values are plain strings; every other key holds structured (JSON) data. */
export const STRING_KEYS: readonly TopLevelKey[] = ["environment", "pagerDutyEventsUrl"];

const SERVICE_KEYS = [
    "name",
    "kind",
    "slo",
    "runbookUrl",
    "dynamodbTables",
    "deadLetterQueues",
    "samplingRate",
    "apiName",
    "apiStage",
    "functionNames",
] as const;
const SLO_KEYS = ["availabilityPercent", "latencyP99Ms", "errorRatePercent"] as const;
const RETENTION_KEYS = ["application", "access", "audit"] as const;
const ARCHIVE_KEYS = ["glacierTransitionDays", "expirationDays", "objectLock"] as const;
const TRACING_KEYS = ["samplingRate", "reservoirPerSecond", "unsampledPaths"] as const;
const ALERTING_KEYS = ["emails", "slack", "platformRunbookUrl"] as const;
const SLACK_KEYS = ["workspaceId", "channelId"] as const;
const KMS_KEYS = ["existingKeyArn"] as const;
const AUDITOR_ROLE_KEYS = ["roleName", "trustedPrincipalArns", "allowFix"] as const;
/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
const IAM_PRINCIPAL_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:(?:root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)$/;
export const DEFAULT_AUDITOR_ROLE_NAME = "observability-auditor";
const ALARM_KEYS = Object.keys(ALARM_DEFAULTS) as (keyof AlarmConfig)[];

/** What the caller read from Pulumi config; `validateEstateConfig` never reads anything itself. */
export interface RawEstateConfig {
    /**
     * Values of the namespace's keys, without the `observability:` prefix, already parsed:
     * structured settings as objects and lists, secrets as their decrypted plaintext (needed to
     * validate them; never shown in a problem).
     */
    values: Readonly<Record<string, unknown>>;
    /** Keys (without prefix) whose values are stored as Pulumi secrets. */
    secretKeys?: readonly string[];
    /** Secret settings as secret Outputs, by key; the config carries these, never the plaintext. */
    secretOutputs?: Readonly<Record<string, pulumi.Output<string>>>;
}

const SERVICE_NAME_PATTERN = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
const DYNAMODB_TABLE_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;
const SQS_QUEUE_PATTERN = /^[a-zA-Z0-9_-]+(?:\.fifo)?$/;
const SQS_QUEUE_MAX_LENGTH = 80;
const LAMBDA_FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const API_STAGE_PATTERN = /^[a-zA-Z0-9_-]{1,128}$/;
const API_NAME_MAX_LENGTH = 1024;
/** The WHATWG form e-mail rule, tightened to require a dot in the domain. */
const EMAIL_PATTERN =
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const SLACK_WORKSPACE_PATTERN = /^T[A-Z0-9]+$/;
const SLACK_CHANNEL_PATTERN = /^[CG][A-Z0-9]+$/;
/**
 * A key ARN, not an alias: the key's ARN goes into IAM statements, log groups and Firehose,
 * none of which resolve aliases.
 */
const KMS_ARN_PATTERN = /^arn:aws[a-z-]*:kms:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:key\/[a-zA-Z0-9-]+$/;

function isHttpsUrl(text: string): boolean {
    try {
        const url = new URL(text);
        return url.protocol === "https:" && url.hostname !== "";
    } catch {
        return false;
    }
}

const HTTPS_URL = { allowed: "an https:// URL", accepts: isHttpsUrl };
const PERCENT = { min: 0, max: 100 };
const SAMPLING_RATE = { min: 0, max: 1 };

/** A setting takes part in cross-field checks if it is unset (the default applies) or valid. */
function isUsable(written: unknown, parsed: number | undefined): boolean {
    return written === undefined || parsed !== undefined;
}

function key(name: string): string {
    return `${CONFIG_NAMESPACE}:${name}`;
}

/**
 * Validates the namespace's raw settings and fills the environment's defaults. Pure: reads no
 * config and declares no resources. Throws one `ConfigValidationError` listing every problem.
 */
export function validateEstateConfig(raw: RawEstateConfig): EstateConfig {
    // The PagerDuty URL is hidden even when wrongly stored in plain text: problems end up in CI logs.
    const hiddenKeys = [...(raw.secretKeys ?? []), "pagerDutyEventsUrl"];
    const problems = new ProblemList(hiddenKeys.map(key));
    const read = new FieldReader(problems);
    const values = raw.values;

    for (const name of Object.keys(values)) {
        if (!(TOP_LEVEL_KEYS as readonly string[]).includes(name)) {
            problems.add(key(name), values[name], "unknown key", `the keys ${TOP_LEVEL_KEYS.map(key).join(", ")}`);
        }
    }

    const environment = read.oneOf(key("environment"), values.environment, ENVIRONMENTS, { required: true });
    // With no valid environment, checking goes on against dev: its minimums and its (shortest)
    // names report only problems that exist in every environment.
    const effectiveEnvironment: Environment = environment ?? "dev";
    const defaults = ENVIRONMENT_DEFAULTS[effectiveEnvironment];

    const config: EstateConfig = {
        environment: effectiveEnvironment,
        services: readServices(read, values.services, effectiveEnvironment),
        retention: readRetention(read, values.retentionDays, effectiveEnvironment, defaults.retention),
        archive: readArchive(read, values.archive, defaults.archive),
        tracing: readTracing(read, values.tracing, defaults.samplingRate),
        alerting: readAlerting(read, values.alerting, raw),
        alarms: readAlarms(read, values.alarms),
        kms: readKms(read, values.kms),
        auditTrail: read.boolean(key("auditTrail"), values.auditTrail) ?? DEFAULT_AUDIT_TRAIL,
        referenceService: read.boolean(key("referenceService"), values.referenceService) ?? defaults.referenceService,
    };
    const auditorRole = readAuditorRole(read, values.auditorRole);
    if (auditorRole !== undefined) {
        config.auditorRole = auditorRole;
    }

    if (problems.problems.length > 0) {
        throw new ConfigValidationError(problems.problems);
    }
    return config;
}

function readServices(read: FieldReader, value: unknown, environment: Environment): ServiceConfig[] {
    const servicesKey = key("services");
    const indexed =
        read.list(servicesKey, value, "services", (itemKey, item) => {
            const service = readService(read, itemKey, item, environment);
            return service === undefined ? undefined : { itemKey, service };
        }) ?? [];
    read.reportDuplicates(
        indexed
            .filter(({ service }) => service.name !== "")
            .map(({ itemKey, service }) => ({ key: childKey(itemKey, "name"), value: service.name })),
        "a name no other service in the stack has",
    );
    return indexed.map(({ service }) => service);
}

/**
 * Returns the service even when some of its fields are invalid (with placeholders where they
 * were), so that duplicate names are still found; any problem discards the whole result anyway.
 */
function readService(read: FieldReader, serviceKey: string, value: unknown, environment: Environment): ServiceConfig | undefined {
    const fields = read.object(serviceKey, value, SERVICE_KEYS, { required: true });
    if (fields === undefined) {
        return undefined;
    }
    const at = (field: string) => childKey(serviceKey, field);
    const name =
        read.string(at("name"), fields.name, {
            required: true,
            allowed: "a lower-case letter, then lower-case letters, digits and hyphens, not ending with a hyphen",
            pattern: SERVICE_NAME_PATTERN,
        }) ?? "";
    if (name !== "") {
        for (const problem of serviceNameLengthProblems(environment, name)) {
            read.problems.add(at("name"), name, `in environment ${environment} ${problem}`, "a shorter service name");
        }
    }
    const kind = read.oneOf(at("kind"), fields.kind, SERVICE_KINDS, { required: true }) ?? "lambda";

    const sloKey = at("slo");
    const slo = read.object(sloKey, fields.slo, SLO_KEYS, { required: true }) ?? {};
    const availabilityPercent =
        read.number(childKey(sloKey, "availabilityPercent"), slo.availabilityPercent, {
            required: true,
            min: 0,
            minExclusive: true,
            max: 100,
            maxExclusive: true,
            why: "100% leaves no error budget",
        }) ?? 0;
    const errorRatePercent = read.number(childKey(sloKey, "errorRatePercent"), slo.errorRatePercent, { required: true, ...PERCENT }) ?? 0;
    const latencyP99Ms = read.number(childKey(sloKey, "latencyP99Ms"), slo.latencyP99Ms, {
        required: kind === "api",
        min: 0,
        minExclusive: true,
        why: kind === "api" ? "required for kind api; only asynchronous services have no latency objective" : undefined,
    });

    const apiName = read.string(at("apiName"), fields.apiName, {
        allowed: `a non-empty name of at most ${API_NAME_MAX_LENGTH} characters`,
        accepts: (text) => text.length > 0 && text.length <= API_NAME_MAX_LENGTH,
    });
    const apiStage = read.string(at("apiStage"), fields.apiStage, {
        allowed: "1 to 128 letters, digits, hyphens and underscores",
        pattern: API_STAGE_PATTERN,
    });

    return {
        name,
        kind,
        slo: latencyP99Ms === undefined ? { availabilityPercent, errorRatePercent } : { availabilityPercent, latencyP99Ms, errorRatePercent },
        runbookUrl: read.string(at("runbookUrl"), fields.runbookUrl, { ...HTTPS_URL, required: true }) ?? "",
        dynamodbTables:
            read.stringList(at("dynamodbTables"), fields.dynamodbTables, {
                allowed: "DynamoDB table names: 3 to 255 letters, digits, underscores, hyphens and dots",
                pattern: DYNAMODB_TABLE_PATTERN,
            }) ?? [],
        deadLetterQueues:
            read.stringList(at("deadLetterQueues"), fields.deadLetterQueues, {
                allowed: `SQS queue names: 1 to ${SQS_QUEUE_MAX_LENGTH} letters, digits, hyphens and underscores, optionally ending in .fifo`,
                accepts: (text) => SQS_QUEUE_PATTERN.test(text) && text.length <= SQS_QUEUE_MAX_LENGTH,
            }) ?? [],
        samplingRate: read.number(at("samplingRate"), fields.samplingRate, SAMPLING_RATE),
        apiName: apiName ?? serviceApiName(environment, name),
        apiStage: apiStage ?? environment,
        functionNames:
            read.stringList(at("functionNames"), fields.functionNames, {
                allowed: "Lambda function names: 1 to 64 letters, digits, hyphens and underscores",
                pattern: LAMBDA_FUNCTION_NAME_PATTERN,
            }) ?? [serviceFunctionName(environment, name)],
    };
}

function readRetention(read: FieldReader, value: unknown, environment: Environment, defaults: RetentionConfig): RetentionConfig {
    const retentionKey = key("retentionDays");
    const fields = read.object(retentionKey, value, RETENTION_KEYS) ?? {};
    const logMinimum = { days: MINIMUM_LOG_RETENTION_DAYS[environment], name: `the ${environment} minimum` };
    const auditMinimum = { days: SEVEN_YEARS_DAYS, name: "the seven-year audit minimum" };
    const at = (field: keyof RetentionConfig) => childKey(retentionKey, field);
    return {
        application: readRetentionDays(read, at("application"), fields.application, logMinimum) ?? defaults.application,
        access: readRetentionDays(read, at("access"), fields.access, logMinimum) ?? defaults.access,
        audit: readRetentionDays(read, at("audit"), fields.audit, auditMinimum) ?? defaults.audit,
    };
}

/** A retention CloudWatch accepts and at least the minimum; a near miss gets a suggestion. */
function readRetentionDays(
    read: FieldReader,
    retentionKey: string,
    value: unknown,
    minimum: { days: number; name: string },
): number | undefined {
    const acceptable = CLOUDWATCH_RETENTION_DAYS.filter((days) => days >= minimum.days);
    const allowed =
        minimum.days > CLOUDWATCH_RETENTION_DAYS[0]
            ? `one of ${acceptable.join(", ")} days (values CloudWatch accepts, at least ${minimum.name} of ${minimum.days})`
            : `one of ${acceptable.join(", ")} days (the values CloudWatch accepts)`;
    const days = read.number(retentionKey, value, { integer: true, min: 1, allowed });
    if (days === undefined) {
        return undefined;
    }
    const suggestion = suggestedRetention(days, minimum.days);
    if (!isCloudWatchRetention(days)) {
        read.problems.add(retentionKey, days, `is not a retention CloudWatch accepts; did you mean ${suggestion}?`, allowed);
        return undefined;
    }
    if (days < minimum.days) {
        read.problems.add(retentionKey, days, `is shorter than ${minimum.name} of ${minimum.days} days; did you mean ${suggestion}?`, allowed);
        return undefined;
    }
    return days;
}

function readArchive(read: FieldReader, value: unknown, defaults: ArchiveConfig): ArchiveConfig {
    const archiveKey = key("archive");
    const fields = read.object(archiveKey, value, ARCHIVE_KEYS) ?? {};
    const days = { integer: true, min: 0, minExclusive: true };
    const transition = read.number(childKey(archiveKey, "glacierTransitionDays"), fields.glacierTransitionDays, days);
    const expiration = read.number(childKey(archiveKey, "expirationDays"), fields.expirationDays, days);
    const archive: ArchiveConfig = {
        glacierTransitionDays: transition ?? defaults.glacierTransitionDays,
        expirationDays: expiration ?? defaults.expirationDays,
        objectLock: read.boolean(childKey(archiveKey, "objectLock"), fields.objectLock) ?? defaults.objectLock,
    };
    // Checked against the merged values: overriding only one of the two can break the order too.
    const bothUsable = isUsable(fields.glacierTransitionDays, transition) && isUsable(fields.expirationDays, expiration);
    if (bothUsable && archive.expirationDays <= archive.glacierTransitionDays) {
        read.problems.add(
            childKey(archiveKey, "expirationDays"),
            archive.expirationDays,
            `must be later than the Glacier transition (glacierTransitionDays = ${archive.glacierTransitionDays})`,
            `an integer greater than ${archive.glacierTransitionDays}`,
        );
    }
    return archive;
}

function readTracing(read: FieldReader, value: unknown, defaultSamplingRate: number): TracingConfig {
    const tracingKey = key("tracing");
    const fields = read.object(tracingKey, value, TRACING_KEYS) ?? {};
    return {
        samplingRate: read.number(childKey(tracingKey, "samplingRate"), fields.samplingRate, SAMPLING_RATE) ?? defaultSamplingRate,
        reservoirPerSecond:
            read.number(childKey(tracingKey, "reservoirPerSecond"), fields.reservoirPerSecond, { integer: true, min: 0 }) ??
            DEFAULT_RESERVOIR_PER_SECOND,
        unsampledPaths:
            read.stringList(childKey(tracingKey, "unsampledPaths"), fields.unsampledPaths, {
                allowed: 'URL paths starting with "/"',
                accepts: (path) => path.startsWith("/"),
            }) ?? [...DEFAULT_UNSAMPLED_PATHS],
    };
}

function readAlerting(read: FieldReader, value: unknown, raw: RawEstateConfig): AlertingConfig {
    const alertingKey = key("alerting");
    const fields =
        read.object(alertingKey, value, ALERTING_KEYS, {
            hints: {
                pagerDutyEventsUrl: `set it as the secret top-level key: pulumi config set --secret ${key("pagerDutyEventsUrl")} <url>`,
            },
        }) ?? {};
    const alerting: AlertingConfig = {
        emails:
            read.stringList(childKey(alertingKey, "emails"), fields.emails, {
                allowed: "e-mail addresses such as oncall@example.com",
                pattern: EMAIL_PATTERN,
                caseInsensitive: true,
            }) ?? [],
    };
    const platformRunbookUrl = read.string(childKey(alertingKey, "platformRunbookUrl"), fields.platformRunbookUrl, HTTPS_URL);
    if (platformRunbookUrl !== undefined) {
        alerting.platformRunbookUrl = platformRunbookUrl;
    }
    const slack = readSlack(read, childKey(alertingKey, "slack"), fields.slack);
    if (slack !== undefined) {
        alerting.slack = slack;
    }
    const pagerDuty = readPagerDutyEventsUrl(read, raw);
    if (pagerDuty !== undefined) {
        alerting.pagerDutyEventsUrl = pagerDuty;
    }
    return alerting;
}

function readSlack(read: FieldReader, slackKey: string, value: unknown): SlackConfig | undefined {
    const fields = read.object(slackKey, value, SLACK_KEYS);
    if (fields === undefined) {
        return undefined;
    }
    const workspaceId = read.string(childKey(slackKey, "workspaceId"), fields.workspaceId, {
        required: true,
        allowed: "a Slack workspace id: T followed by upper-case letters and digits, e.g. T0123ABCD",
        pattern: SLACK_WORKSPACE_PATTERN,
    });
    const channelId = read.string(childKey(slackKey, "channelId"), fields.channelId, {
        required: true,
        allowed: "a Slack channel id: C (or G for a private channel) followed by upper-case letters and digits, e.g. C0123ABCD",
        pattern: SLACK_CHANNEL_PATTERN,
    });
    return workspaceId !== undefined && channelId !== undefined ? { workspaceId, channelId } : undefined;
}

/** The URL embeds the integration key, so it must be a secret and is never shown. */
function readPagerDutyEventsUrl(read: FieldReader, raw: RawEstateConfig): pulumi.Output<string> | undefined {
    const name = "pagerDutyEventsUrl";
    const urlKey = key(name);
    const value = raw.values[name];
    if (value === undefined) {
        return undefined;
    }
    const isSecret = (raw.secretKeys ?? []).includes(name);
    if (!isSecret) {
        read.problems.add(
            urlKey,
            value,
            `is stored in plain text; remove it and run: pulumi config set --secret ${urlKey} <url>`,
            "a Pulumi secret holding an https:// URL",
        );
    }
    const url = isSecret ? read.string(urlKey, value, HTTPS_URL) : undefined;
    if (url === undefined) {
        return undefined;
    }
    return raw.secretOutputs?.[name] ?? pulumi.secret(url);
}

function readAlarms(read: FieldReader, value: unknown): AlarmConfig {
    const alarmsKey = key("alarms");
    const fields = read.object(alarmsKey, value, ALARM_KEYS) ?? {};
    const at = (field: keyof AlarmConfig) => childKey(alarmsKey, field);
    const positiveInteger = { integer: true, min: 1 };

    const periodSeconds = read.number(at("periodSeconds"), fields.periodSeconds, positiveInteger);
    if (periodSeconds !== undefined && !isValidAlarmPeriod(periodSeconds)) {
        read.problems.add(at("periodSeconds"), periodSeconds, "is not an alarm period CloudWatch accepts", "10, 30 or a multiple of 60 seconds");
    }
    const evaluationPeriods = read.number(at("evaluationPeriods"), fields.evaluationPeriods, positiveInteger);
    const datapointsToAlarm = read.number(at("datapointsToAlarm"), fields.datapointsToAlarm, positiveInteger);

    const alarms: AlarmConfig = {
        errorRatePercent: read.number(at("errorRatePercent"), fields.errorRatePercent, PERCENT) ?? ALARM_DEFAULTS.errorRatePercent,
        latencyP95Ms: read.number(at("latencyP95Ms"), fields.latencyP95Ms, { min: 0, minExclusive: true }) ?? ALARM_DEFAULTS.latencyP95Ms,
        concurrencyPercent:
            read.number(at("concurrencyPercent"), fields.concurrencyPercent, { min: 0, minExclusive: true, max: 100 }) ??
            ALARM_DEFAULTS.concurrencyPercent,
        accountConcurrencyLimit:
            read.number(at("accountConcurrencyLimit"), fields.accountConcurrencyLimit, positiveInteger) ?? ALARM_DEFAULTS.accountConcurrencyLimit,
        trafficSpikePercent:
            read.number(at("trafficSpikePercent"), fields.trafficSpikePercent, {
                min: 0,
                minExclusive: true,
                why: "an increase over the previous 5 minutes; may exceed 100",
            }) ?? ALARM_DEFAULTS.trafficSpikePercent,
        trafficSpikeMinimumRequests:
            read.number(at("trafficSpikeMinimumRequests"), fields.trafficSpikeMinimumRequests, { integer: true, min: 0 }) ??
            ALARM_DEFAULTS.trafficSpikeMinimumRequests,
        anomalyDetection: read.boolean(at("anomalyDetection"), fields.anomalyDetection) ?? ALARM_DEFAULTS.anomalyDetection,
        periodSeconds: periodSeconds ?? ALARM_DEFAULTS.periodSeconds,
        evaluationPeriods: evaluationPeriods ?? ALARM_DEFAULTS.evaluationPeriods,
        datapointsToAlarm: datapointsToAlarm ?? ALARM_DEFAULTS.datapointsToAlarm,
    };

    // The window rules hold for the merged values, so overriding one setting is checked against
    // the defaults of the others. Only settings that are individually valid take part.
    const periodOk = isUsable(fields.periodSeconds, periodSeconds) && isValidAlarmPeriod(alarms.periodSeconds);
    const evaluationOk = isUsable(fields.evaluationPeriods, evaluationPeriods);
    const datapointsOk = isUsable(fields.datapointsToAlarm, datapointsToAlarm);
    const defaultNote = (field: keyof AlarmConfig) => (fields[field] !== undefined ? "" : " (default)");

    if (evaluationOk && datapointsOk && alarms.datapointsToAlarm > alarms.evaluationPeriods) {
        read.problems.add(
            at("datapointsToAlarm"),
            alarms.datapointsToAlarm,
            `exceeds evaluationPeriods (${alarms.evaluationPeriods}${defaultNote("evaluationPeriods")})`,
            `an integer from 1 to ${alarms.evaluationPeriods}`,
        );
    }
    const period = `periodSeconds ${alarms.periodSeconds}${defaultNote("periodSeconds")}`;
    const detectionSeconds = alarms.periodSeconds * alarms.datapointsToAlarm;
    if (periodOk && datapointsOk && detectionSeconds > ALARM_MAX_DETECTION_SECONDS) {
        read.problems.add(
            at("datapointsToAlarm"),
            alarms.datapointsToAlarm,
            `with ${period} detection takes ${detectionSeconds} s`,
            `periodSeconds × datapointsToAlarm of at most ${ALARM_MAX_DETECTION_SECONDS} s (detection within 5 minutes)` +
                fitting(ALARM_MAX_DETECTION_SECONDS, alarms.periodSeconds, "datapoints"),
        );
    }
    const windowSeconds = alarms.periodSeconds * alarms.evaluationPeriods;
    if (periodOk && evaluationOk && windowSeconds > ALARM_MAX_WINDOW_SECONDS) {
        read.problems.add(
            at("evaluationPeriods"),
            alarms.evaluationPeriods,
            `with ${period} the alarm window is ${windowSeconds} s, longer than one day`,
            `periodSeconds × evaluationPeriods of at most ${ALARM_MAX_WINDOW_SECONDS} s (one day)` +
                fitting(ALARM_MAX_WINDOW_SECONDS, alarms.periodSeconds, "periods"),
        );
    }
    return alarms;
}

/** How many periods fit into a time limit, as advice; none fit means the period is the problem. */
function fitting(limitSeconds: number, periodSeconds: number, unit: string): string {
    const count = Math.floor(limitSeconds / periodSeconds);
    return count >= 1 ? `: with this period at most ${count} ${unit}` : `: a periodSeconds of at most ${limitSeconds}`;
}

function readAuditorRole(read: FieldReader, value: unknown): AuditorRoleConfig | undefined {
    if (value === undefined) {
        return undefined;
    }
    const roleKey = key("auditorRole");
    const fields = read.object(roleKey, value, AUDITOR_ROLE_KEYS) ?? {};
    if (Array.isArray(fields.trustedPrincipalArns) && fields.trustedPrincipalArns.length === 0) {
        read.problems.add(childKey(roleKey, "trustedPrincipalArns"), [], "names no principal, so nobody could assume the role", "at least one IAM principal ARN");
    }
    return {
        roleName:
            read.string(childKey(roleKey, "roleName"), fields.roleName, {
                allowed: "1 to 64 letters, digits or +=,.@_- (an IAM role name)",
                pattern: IAM_ROLE_NAME_PATTERN,
            }) ?? DEFAULT_AUDITOR_ROLE_NAME,
        trustedPrincipalArns:
            read.stringList(childKey(roleKey, "trustedPrincipalArns"), fields.trustedPrincipalArns, {
                allowed: "IAM principal ARNs such as arn:aws:iam::123456789012:root or arn:aws:iam::123456789012:role/security-audit",
                pattern: IAM_PRINCIPAL_ARN_PATTERN,
                required: true,
            }) ?? [],
        allowFix: read.boolean(childKey(roleKey, "allowFix"), fields.allowFix) ?? false,
    };
}

function readKms(read: FieldReader, value: unknown): KmsConfig {
    const kmsKey = key("kms");
    const fields = read.object(kmsKey, value, KMS_KEYS) ?? {};
    const existingKeyArn = read.string(childKey(kmsKey, "existingKeyArn"), fields.existingKeyArn, {
        allowed: "a KMS key ARN: arn:aws:kms:<region>:<12-digit account>:key/<key id> (not an alias: IAM policies, log groups and Firehose need the key itself)",
        pattern: KMS_ARN_PATTERN,
    });
    return existingKeyArn === undefined ? {} : { existingKeyArn };
}
