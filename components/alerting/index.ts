export { ALERT_SEVERITIES, AlertRouting, cloudWatchReadOnlyPolicyArn } from "./alert-routing";
export type { AlertRoutingArgs, AlertSeverity } from "./alert-routing";
export { TOPIC_ADMIN_ACTIONS, alertTopicPolicy } from "./topic-policy";
export type { PolicyDocument, PolicyStatement, TopicPolicyParams } from "./topic-policy";
