import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { childName, serviceFunctionName, serviceMetricNamespace } from "../naming";
import {
    LAMBDA_APPLICATION_LOG_LEVELS,
    LAMBDA_SYSTEM_LOG_LEVELS,
    LambdaApplicationLogLevel,
    LambdaSystemLogLevel,
    defaultLambdaLogGroupName,
} from "../../policies/rules/cloudwatch";
import { GOLDEN_PATH_DEFAULTS } from "./defaults";
import { PolicyStatementArgs, callerContext, serviceTrustPolicy, statementProblems, toIamStatements } from "./iam";
import { encryptedLogGroup } from "./log-group";
import {
    assertNoProblems,
    environmentProblems,
    functionNameProblems,
    logGroupNameProblems,
    oneOfProblems,
    retentionProblems,
} from "./validation";

export const OBSERVED_FUNCTION_TYPE = "observability:golden-path:ObservedFunction";

/** Environment variables the function receives so that Powertools names the service and metrics. */
export const OBSERVED_FUNCTION_VARIABLES = {
    serviceName: "POWERTOOLS_SERVICE_NAME",
    metricsNamespace: "POWERTOOLS_METRICS_NAMESPACE",
    environment: "OBSERVABILITY_ENVIRONMENT",
} as const;

/** The function settings passed through unchanged; tracing, logging, name and role are the component's. */
export type ObservedFunctionCodeArgs = Pick<
    aws.lambda.FunctionArgs,
    | "runtime"
    | "handler"
    | "code"
    | "imageUri"
    | "packageType"
    | "architectures"
    | "layers"
    | "memorySize"
    | "timeout"
    | "description"
    | "reservedConcurrentExecutions"
    | "ephemeralStorage"
    | "sourceCodeHash"
    | "publish"
>;

export interface ObservedFunctionArgs extends ObservedFunctionCodeArgs {
    environment: Environment;
    /** Service the function belongs to: names the function, Powertools' service and metrics namespace. */
    service: string;
    /** KMS key ARN that encrypts the function's log group (the estate's key). */
    kmsKeyArn: pulumi.Input<string>;
    /** Function name; default `<environment>-<service>`. Plain text so the log group name is known up front. */
    functionName?: string;
    /** Log group the function writes to; default `/aws/lambda/<function name>`. */
    logGroupName?: string;
    /** Log retention in days (a value CloudWatch accepts); default by environment. */
    retentionInDays?: number;
    /** Default DEBUG in dev, INFO elsewhere. */
    applicationLogLevel?: LambdaApplicationLogLevel;
    /** Default INFO in dev, WARN elsewhere. */
    systemLogLevel?: LambdaSystemLogLevel;
    /** Merged over the Powertools variables the component sets. */
    environmentVariables?: Record<string, pulumi.Input<string>>;
    /** Extra permissions of the execution role, e.g. the service's DynamoDB table. */
    policyStatements?: PolicyStatementArgs[];
    tags?: Record<string, string>;
}

/**
 * A Lambda function that is traced (X-Ray `Active`), logs structured JSON at explicit levels to
 * a log group declared beside it with retention and KMS, and runs with a role that can write
 * only to that log group and to X-Ray plus what the caller adds.
 */
export class ObservedFunction extends pulumi.ComponentResource {
    public readonly function: aws.lambda.Function;
    public readonly functionName: pulumi.Output<string>;
    public readonly functionArn: pulumi.Output<string>;
    /** For API Gateway integrations (`uri`). */
    public readonly invokeArn: pulumi.Output<string>;
    public readonly roleArn: pulumi.Output<string>;
    /** For attaching further policies outside the component. */
    public readonly roleName: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    public readonly logGroupArn: pulumi.Output<string>;

    constructor(name: string, args: ObservedFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = resolveFunctionSettings(name, args);
        super(OBSERVED_FUNCTION_TYPE, name, {}, opts);

        const { accountId } = callerContext({ parent: this });
        const logGroup = encryptedLogGroup(
            childName(name, "logs"),
            { name: settings.logGroupName, retentionInDays: settings.retentionInDays, kmsKeyArn: args.kmsKeyArn, tags: args.tags },
            this,
        );

        const role = new aws.iam.Role(
            childName(name, "role"),
            {
                assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", accountId),
                description: `Execution role of Lambda function ${settings.functionName}`,
                tags: args.tags,
            },
            { parent: this },
        );

        const rolePolicy = new aws.iam.RolePolicy(
            childName(name, "role-policy"),
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "WriteOwnLogGroup",
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: pulumi.interpolate`${logGroup.arn}:*`,
                        },
                        {
                            // X-Ray's write actions support no resource-level permissions: "*" is the
                            // only resource they accept, so the statement names just these two actions.
                            Sid: "WriteTraces",
                            Effect: "Allow",
                            Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
                            Resource: "*",
                        },
                        ...toIamStatements(args.policyStatements ?? []),
                    ],
                }),
            },
            { parent: this },
        );

        this.function = new aws.lambda.Function(
            childName(name, "function"),
            {
                runtime: args.runtime,
                handler: args.handler,
                code: args.code,
                imageUri: args.imageUri,
                packageType: args.packageType,
                architectures: args.architectures,
                layers: args.layers,
                memorySize: args.memorySize,
                timeout: args.timeout,
                description: args.description,
                reservedConcurrentExecutions: args.reservedConcurrentExecutions,
                ephemeralStorage: args.ephemeralStorage,
                sourceCodeHash: args.sourceCodeHash,
                publish: args.publish,
                name: settings.functionName,
                role: role.arn,
                tracingConfig: { mode: "Active" },
                loggingConfig: {
                    logFormat: "JSON",
                    applicationLogLevel: settings.applicationLogLevel,
                    systemLogLevel: settings.systemLogLevel,
                    logGroup: logGroup.name,
                },
                environment: {
                    variables: {
                        [OBSERVED_FUNCTION_VARIABLES.serviceName]: args.service,
                        [OBSERVED_FUNCTION_VARIABLES.metricsNamespace]: serviceMetricNamespace(args.environment, args.service),
                        [OBSERVED_FUNCTION_VARIABLES.environment]: args.environment,
                        ...args.environmentVariables,
                    },
                },
                tags: args.tags,
            },
            // Without the log group first, the first invocation would create an unencrypted one
            // that never expires; without the policy, the first cold start could not write logs.
            { parent: this, dependsOn: [logGroup, rolePolicy] },
        );

        this.functionName = this.function.name;
        this.functionArn = this.function.arn;
        this.invokeArn = this.function.invokeArn;
        this.roleArn = role.arn;
        this.roleName = role.name;
        this.logGroupName = logGroup.name;
        this.logGroupArn = logGroup.arn;

        this.registerOutputs({
            functionName: this.functionName,
            functionArn: this.functionArn,
            invokeArn: this.invokeArn,
            roleArn: this.roleArn,
            roleName: this.roleName,
            logGroupName: this.logGroupName,
            logGroupArn: this.logGroupArn,
        });
    }
}

interface FunctionSettings {
    functionName: string;
    logGroupName: string;
    retentionInDays: number;
    applicationLogLevel: LambdaApplicationLogLevel;
    systemLogLevel: LambdaSystemLogLevel;
}

function resolveFunctionSettings(name: string, args: ObservedFunctionArgs): FunctionSettings {
    const environmentIssues = environmentProblems("environment", args.environment);
    assertNoProblems(OBSERVED_FUNCTION_TYPE, name, environmentIssues);
    const defaults = GOLDEN_PATH_DEFAULTS[args.environment];
    const functionName = args.functionName ?? serviceFunctionName(args.environment, args.service);
    const settings: FunctionSettings = {
        functionName,
        logGroupName: args.logGroupName ?? defaultLambdaLogGroupName(functionName),
        retentionInDays: args.retentionInDays ?? defaults.functionRetentionInDays,
        applicationLogLevel: args.applicationLogLevel ?? defaults.applicationLogLevel,
        systemLogLevel: args.systemLogLevel ?? defaults.systemLogLevel,
    };
    assertNoProblems(OBSERVED_FUNCTION_TYPE, name, [
        ...functionNameProblems(args.functionName === undefined ? "functionName (from environment and service)" : "functionName", functionName),
        ...logGroupNameProblems("logGroupName", settings.logGroupName),
        ...retentionProblems("retentionInDays", settings.retentionInDays, args.environment),
        ...oneOfProblems("applicationLogLevel", settings.applicationLogLevel, LAMBDA_APPLICATION_LOG_LEVELS),
        ...oneOfProblems("systemLogLevel", settings.systemLogLevel, LAMBDA_SYSTEM_LOG_LEVELS),
        ...statementProblems("policyStatements", args.policyStatements ?? []),
    ]);
    return settings;
}
