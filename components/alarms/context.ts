import { AlarmConfig, Environment, ServiceConfig } from "../../config/types";
import { AlarmEvaluation } from "./strategy";

/** What the alarm builders of one service need to know. */
export interface ServiceAlarmContext {
    environment: Environment;
    service: ServiceConfig;
    alarms: AlarmConfig;
    /** Metric namespace of the service's log-derived metrics. */
    logMetricNamespace: string;
}

/** The configured evaluation (period, N, M) used by every alarm without its own timing. */
export function configuredEvaluation(alarms: AlarmConfig): AlarmEvaluation {
    return {
        periodSeconds: alarms.periodSeconds,
        evaluationPeriods: alarms.evaluationPeriods,
        datapointsToAlarm: alarms.datapointsToAlarm,
    };
}
