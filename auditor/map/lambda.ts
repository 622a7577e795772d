import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { RESOURCE_TYPES } from "../../policies/lib/names";
import type { StackResourceView } from "../../policies/lib/policy";
import { compact, compactObject } from "./props";

/**
 * A function from `ListFunctions` in the shape of `aws.lambda.Function`: `TracingConfig.Mode`
 * becomes `tracingConfig.mode`, `LoggingConfig.LogFormat` becomes `loggingConfig.logFormat`.
 * The ARN is the pseudo-URN, which keeps views unique across accounts and regions.
 */
export function functionView(fn: FunctionConfiguration, tags: Record<string, string>): StackResourceView {
    const arn = fn.FunctionArn!;
    return {
        type: RESOURCE_TYPES.lambdaFunction,
        name: fn.FunctionName!,
        urn: arn,
        props: compact({
            name: fn.FunctionName,
            arn,
            role: fn.Role,
            runtime: fn.Runtime,
            handler: fn.Handler,
            tracingConfig: compactObject(fn.TracingConfig ? { mode: fn.TracingConfig.Mode } : undefined),
            loggingConfig: compactObject(
                fn.LoggingConfig
                    ? {
                          logFormat: fn.LoggingConfig.LogFormat,
                          applicationLogLevel: fn.LoggingConfig.ApplicationLogLevel,
                          systemLogLevel: fn.LoggingConfig.SystemLogLevel,
                          logGroup: fn.LoggingConfig.LogGroup,
                      }
                    : undefined,
            ),
            tags,
        }),
    };
}
