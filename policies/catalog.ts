import type { Policies } from "@pulumi/policy";
import { restExecutionLoggingPolicy } from "./apigateway/rest-execution-logging";
import { restStageAccessLogsPolicy } from "./apigateway/rest-stage-access-logs";
import { restStageTracingPolicy } from "./apigateway/rest-stage-tracing";
import { v2StageAccessLogsPolicy } from "./apigateway/v2-stage-access-logs";
import { lambdaStructuredLoggingPolicy } from "./lambda/structured-logging";
import { lambdaTracingPolicy } from "./lambda/tracing";
import {
    ConfigCache,
    toResourceValidationPolicy,
    toStackValidationPolicy,
    type GuardrailResourcePolicy,
    type GuardrailStackPolicy,
} from "./lib/crossguard";
import type { PolicyName } from "./lib/names";
import type { PolicyDefinition, ResourcePolicyDefinition, StackPolicyDefinition } from "./lib/policy";
import { logGroupEncryptionPolicy } from "./logs/encryption";
import { logGroupRetentionPolicy } from "./logs/retention";
import { lambdaLogGroupDeclaredPolicy } from "./stack/lambda-log-group-declared";
import { restStageLogGroupsDeclaredPolicy } from "./stack/rest-stage-log-groups-declared";
import { restStageMethodSettingsDeclaredPolicy } from "./stack/rest-stage-method-settings-declared";
import { makeWaiversInUsePolicy } from "./stack/waivers-in-use";
import { websocketExecutionLoggingPolicy } from "./stack/websocket-execution-logging";

/**
 * THE list of the pack's policies. The pack entry (index.ts), the offline preview and the
 * auditor all take their policies from here. Importing this module has no side effects: it
 * does not construct a PolicyPack (which would start a gRPC server).
 */

export const resourcePolicyDefinitions: readonly ResourcePolicyDefinition[] = [
    lambdaTracingPolicy,
    lambdaStructuredLoggingPolicy,
    logGroupRetentionPolicy,
    logGroupEncryptionPolicy,
    restStageTracingPolicy,
    restStageAccessLogsPolicy,
    restExecutionLoggingPolicy,
    v2StageAccessLogsPolicy,
];

const judgingStackPolicyDefinitions: readonly StackPolicyDefinition[] = [
    websocketExecutionLoggingPolicy,
    lambdaLogGroupDeclaredPolicy,
    restStageLogGroupsDeclaredPolicy,
    restStageMethodSettingsDeclaredPolicy,
];

export const waiversInUsePolicy: StackPolicyDefinition = makeWaiversInUsePolicy([
    ...resourcePolicyDefinitions,
    ...judgingStackPolicyDefinitions,
]);

export const stackPolicyDefinitions: readonly StackPolicyDefinition[] = [...judgingStackPolicyDefinitions, waiversInUsePolicy];

/** Every policy's metadata and pure check functions (what the auditor runs). */
export const policyDefinitions: readonly PolicyDefinition[] = [...resourcePolicyDefinitions, ...stackPolicyDefinitions];

export const policyNames: readonly PolicyName[] = policyDefinitions.map((definition) => definition.name);

const configs = new ConfigCache();

/** The CrossGuard policies, in @pulumi/policy's shapes. */
export const resourcePolicies: readonly GuardrailResourcePolicy[] = resourcePolicyDefinitions.map((definition) =>
    toResourceValidationPolicy(definition, configs),
);
export const stackPolicies: readonly GuardrailStackPolicy[] = stackPolicyDefinitions.map((definition) =>
    toStackValidationPolicy(definition, configs),
);
export const allPolicies: Policies = [...resourcePolicies, ...stackPolicies];
