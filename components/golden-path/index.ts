/**
 * Golden-path building blocks: a Lambda function and API Gateway stages that pass every
 * resource and stack policy of the pack as declared, with no further settings.
 *
 * ```typescript
 * import * as aws from "@pulumi/aws";
 * import * as pulumi from "@pulumi/pulumi";
 * import { ApiGatewayAccount, ObservedFunction, ObservedRestApi } from "./components/golden-path";
 *
 * const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
 * const table = new aws.dynamodb.Table("orders", {
 *     attributes: [{ name: "id", type: "S" }],
 *     hashKey: "id",
 *     billingMode: "PAY_PER_REQUEST",
 * });
 *
 * const createOrder = new ObservedFunction("create-order", {
 *     environment: "prod",
 *     service: "order",
 *     kmsKeyArn,
 *     runtime: "nodejs20.x",
 *     handler: "index.handler",
 *     code: new pulumi.asset.FileArchive("./dist/create-order"),
 *     environmentVariables: { TABLE_NAME: table.name },
 *     policyStatements: [{ actions: ["dynamodb:PutItem"], resources: [table.arn] }],
 * });
 *
 * // One per account and region, shared by every REST API of the program.
 * const account = new ApiGatewayAccount("apigateway-account");
 *
 * const api = new ObservedRestApi("order-api", {
 *     environment: "prod",
 *     service: "order",
 *     kmsKeyArn,
 *     account,
 *     openApiSpec: pulumi.jsonStringify({
 *         openapi: "3.0.1",
 *         info: { title: "order", version: "1" },
 *         paths: {
 *             "/orders": {
 *                 post: {
 *                     "x-amazon-apigateway-integration": {
 *                         type: "aws_proxy",
 *                         httpMethod: "POST",
 *                         uri: createOrder.invokeArn,
 *                     },
 *                 },
 *             },
 *         },
 *     }),
 * });
 *
 * new aws.lambda.Permission("order-api-invoke", {
 *     action: "lambda:InvokeFunction",
 *     function: createOrder.functionName,
 *     principal: "apigateway.amazonaws.com",
 *     sourceArn: pulumi.interpolate`${api.restApiExecutionArn}/${api.stageName}/POST/orders`,
 * });
 *
 * export const url = api.invokeUrl;
 * ```
 */
export { ObservedFunction, OBSERVED_FUNCTION_VARIABLES } from "./observed-function";
export type { ObservedFunctionArgs, ObservedFunctionCodeArgs } from "./observed-function";
export { ObservedRestApi, REST_ENDPOINT_TYPES } from "./observed-rest-api";
export type { ObservedRestApiArgs, RestEndpointType } from "./observed-rest-api";
export { ObservedHttpApi } from "./observed-http-api";
export type { ObservedHttpApiArgs } from "./observed-http-api";
export { ApiGatewayAccount, API_GATEWAY_PUSH_TO_CLOUDWATCH_POLICY } from "./api-gateway-account";
export type { ApiGatewayAccountArgs } from "./api-gateway-account";
export type { PolicyStatementArgs } from "./iam";
export { GOLDEN_PATH_DEFAULTS, REST_EXECUTION_LOGGING_LEVELS } from "./defaults";
export type { GoldenPathDefaults, RestExecutionLoggingLevel } from "./defaults";
export type { AccessLogField, AccessLogValueKind } from "./access-log-format";
export {
    HTTP_ACCESS_LOG_FIELDS,
    HTTP_ACCESS_LOG_FORMAT,
    REST_ACCESS_LOG_FIELDS,
    REST_ACCESS_LOG_FORMAT,
    accessLogFormat,
} from "./access-log-format";
