import { ObservabilityEstate } from "./components/estate";
import { loadEstateConfig } from "./config/load";

// Validation reports every config problem at once, before a single resource is declared.
const config = loadEstateConfig();

const estate = new ObservabilityEstate("observability", config);

export const environment = config.environment;
export const kmsKeyArn = estate.kmsKeyArn;
export const serviceLogGroupNames = estate.logGroupNames;
export const serviceMetricNamespaces = estate.metricNamespaces;
export const archiveBucketName = estate.archiveBucketName;
export const firehoseStreamName = estate.firehoseStreamName;
export const auditTrailName = estate.auditTrail?.trailName;
export const auditLogGroupName = estate.auditTrail?.logGroupName;
export const queryDefinitionNames = estate.queryDefinitionNames;
export const criticalTopicArn = estate.criticalTopicArn;
export const warningTopicArn = estate.warningTopicArn;
export const samplingRuleNames = estate.samplingRuleNames;
export const xrayGroupNames = estate.xrayGroupNames;
export const alarmNames = estate.alarmNames;
export const dashboardNames = estate.dashboardNames;
export const referenceServiceUrl = estate.referenceService?.ordersUrl;
export const auditorRoleArn = estate.auditorRole?.roleArn;
