import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { ENVIRONMENTS, Environment } from "../../config/types";
import {
    AccessLogField,
    ApiGatewayAccount,
    HTTP_ACCESS_LOG_FIELDS,
    ObservedHttpApi,
    ObservedHttpApiArgs,
    ObservedRestApi,
    ObservedRestApiArgs,
    REST_ACCESS_LOG_FIELDS,
    RestExecutionLoggingLevel,
    accessLogFormat,
} from "../../components/golden-path";
import { MINIMUM_LOG_RETENTION_DAYS, isCloudWatchRetention, restExecutionLogGroupName } from "../../policies/rules/cloudwatch";
import { MOCK_ACCOUNT_ID, MOCK_REGION, captureChildOptions, RecordedResource, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const KMS_KEY_ARN = `arn:aws:kms:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:key/golden-path-test`;
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const REST_STAGE = "aws:apigateway/stage:Stage";
const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const DEPLOYMENT = "aws:apigateway/deployment:Deployment";
const ACCOUNT = "aws:apigateway/account:Account";
const HTTP_STAGE = "aws:apigatewayv2/stage:Stage";

const OPEN_API_SPEC = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "orders", version: "1" },
    paths: { "/orders": { get: { "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode":200}' } } } } },
});

/**
 * A deliberately small stand-in for the policy pack's checker: every `$context` variable becomes
 * a sample value (text inside quotes, a number outside), then the line must be JSON.
 */
function parseAccessLogLine(format: string): Record<string, unknown> {
    const sample = format.replace(/"\$context\.[A-Za-z0-9.]+"/g, '"sample"').replace(/\$context\.[A-Za-z0-9.]+/g, "42");
    const parsed: unknown = JSON.parse(sample);
    assert.ok(parsed !== null && typeof parsed === "object" && !Array.isArray(parsed), "the format is a JSON object");
    return parsed as Record<string, unknown>;
}

function only(mocks: RecordingMocks, type: string): RecordedResource {
    const found = mocks.ofType(type);
    assert.strictEqual(found.length, 1, `expected exactly one ${type}, found ${found.length}`);
    return found[0];
}

function logGroupNamed(mocks: RecordingMocks, name: string): RecordedResource {
    const group = mocks.ofType(LOG_GROUP).find((candidate) => candidate.inputs.name === name);
    assert.ok(group, `a log group named ${name} is declared (declared: ${mocks.ofType(LOG_GROUP).map((g) => g.inputs.name)})`);
    return group;
}

function assertCompliantLogGroup(group: RecordedResource, environment: Environment): void {
    assert.ok(isCloudWatchRetention(group.inputs.retentionInDays), `${group.inputs.name}: retention ${group.inputs.retentionInDays}`);
    assert.ok(group.inputs.retentionInDays >= MINIMUM_LOG_RETENTION_DAYS[environment]);
    assert.ok(group.inputs.retentionInDays >= { dev: 7, staging: 30, prod: 365 }[environment]);
    assert.strictEqual(group.inputs.kmsKeyId, KMS_KEY_ARN);
}

const logGroupArn = (name: string) => `arn:aws:logs:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:log-group:${name}`;

function restArgs(overrides: Partial<ObservedRestApiArgs> = {}): ObservedRestApiArgs {
    return { environment: "dev", service: "orders", kmsKeyArn: KMS_KEY_ARN, openApiSpec: OPEN_API_SPEC, ...overrides };
}

describe("golden path: access-log formats", () => {
    const fieldKeys = (fields: readonly AccessLogField[]) => fields.map((field) => field.key);

    it("REST format is JSON carrying request id, X-Ray trace id, method, path, status, latencies and caller", () => {
        const line = parseAccessLogLine(accessLogFormat(REST_ACCESS_LOG_FIELDS));
        for (const key of ["requestId", "extendedRequestId", "xrayTraceId", "httpMethod", "resourcePath", "path", "status", "responseLatency", "integrationLatency", "sourceIp", "caller", "userAgent", "requestTime", "protocol", "responseLength"]) {
            assert.ok(key in line, `REST access log carries ${key}`);
        }
        assert.strictEqual(typeof line.status, "number", "status is written unquoted");
        assert.strictEqual(typeof line.responseLatency, "number", "latency is written unquoted");
    });

    it("REST format logs the $context variables the policy requires", () => {
        const variables = REST_ACCESS_LOG_FIELDS.map((field) => field.variable);
        for (const variable of ["$context.requestId", "$context.extendedRequestId", "$context.xrayTraceId", "$context.httpMethod", "$context.resourcePath", "$context.path", "$context.status", "$context.responseLatency", "$context.integrationLatency", "$context.identity.sourceIp", "$context.identity.caller", "$context.identity.userAgent", "$context.requestTime", "$context.protocol", "$context.responseLength"]) {
            assert.ok(variables.includes(variable), `logs ${variable}`);
        }
    });

    it("HTTP format is JSON with route key and no X-Ray trace id (HTTP APIs have none)", () => {
        const line = parseAccessLogLine(accessLogFormat(HTTP_ACCESS_LOG_FIELDS));
        for (const key of ["requestId", "httpMethod", "routeKey", "path", "status", "responseLatency", "integrationLatency", "sourceIp", "userAgent", "requestTime"]) {
            assert.ok(key in line, `HTTP access log carries ${key}`);
        }
        assert.ok(!HTTP_ACCESS_LOG_FIELDS.some((field) => field.variable === "$context.xrayTraceId"));
    });

    it("any selection of fields in any order makes a JSON line with exactly those keys", () => {
        fc.assert(
            fc.property(fc.shuffledSubarray([...REST_ACCESS_LOG_FIELDS, ...HTTP_ACCESS_LOG_FIELDS.filter((f) => f.key === "routeKey")], { minLength: 1 }), (fields) => {
                const line = parseAccessLogLine(accessLogFormat(fields));
                assert.deepStrictEqual(Object.keys(line), fieldKeys(fields));
            }),
        );
    });

    it("rejects a repeated key and a variable that is not a $context variable", () => {
        const requestId = REST_ACCESS_LOG_FIELDS[0];
        assert.throws(() => accessLogFormat([requestId, requestId]), /access-log field key "requestId" appears twice/);
        assert.throws(
            () => accessLogFormat([{ key: "bad", variable: "$input.body", kind: "string" }]),
            /access-log field "bad" has variable "\$input\.body"; a \$context variable/,
        );
    });
});

describe("golden path: ObservedRestApi", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    async function build(overrides: Partial<ObservedRestApiArgs> = {}): Promise<ObservedRestApi> {
        const api = new ObservedRestApi("orders-api", restArgs(overrides));
        await settle();
        return api;
    }

    it("traces the stage with X-Ray and writes JSON access logs to its declared access-log group", async () => {
        const api = await build();
        const stage = only(mocks, REST_STAGE);
        assert.strictEqual(stage.inputs.xrayTracingEnabled, true);
        const accessGroup = logGroupNamed(mocks, "/aws/apigateway/dev-orders/dev/access");
        assert.strictEqual(stage.inputs.accessLogSettings.destinationArn, logGroupArn(accessGroup.inputs.name));
        const line = parseAccessLogLine(stage.inputs.accessLogSettings.format);
        for (const key of ["requestId", "xrayTraceId", "status", "responseLatency"]) {
            assert.ok(key in line, `access log carries ${key}`);
        }
        assertCompliantLogGroup(accessGroup, "dev");
        assert.strictEqual(await resolve(api.accessLogGroupName), "/aws/apigateway/dev-orders/dev/access");
    });

    for (const environment of ENVIRONMENTS) {
        it(`declares API-Gateway-Execution-Logs_<api id>/<stage> with compliant retention in ${environment}`, async () => {
            const api = await build({ environment });
            const restApiId = await resolve(api.restApiId);
            const name = restExecutionLogGroupName(restApiId, environment);
            assert.strictEqual(name, `API-Gateway-Execution-Logs_${restApiId}/${environment}`);
            assertCompliantLogGroup(logGroupNamed(mocks, name), environment);
            assertCompliantLogGroup(logGroupNamed(mocks, `/aws/apigateway/${environment}-orders/${environment}/access`), environment);
            assert.strictEqual(await resolve(api.executionLogGroupName), name);
        });
    }

    const expectedLevels: Record<Environment, RestExecutionLoggingLevel> = { dev: "INFO", staging: "INFO", prod: "ERROR" };
    for (const environment of ENVIRONMENTS) {
        it(`sets */* method settings: ${expectedLevels[environment]} execution logs, metrics on, data trace off in ${environment}`, async () => {
            await build({ environment });
            const settings = only(mocks, METHOD_SETTINGS);
            assert.strictEqual(settings.inputs.methodPath, "*/*");
            assert.strictEqual(settings.inputs.stageName, environment);
            assert.strictEqual(settings.inputs.restApi, only(mocks, REST_STAGE).inputs.restApi);
            assert.strictEqual(settings.inputs.settings.loggingLevel, expectedLevels[environment]);
            assert.strictEqual(settings.inputs.settings.metricsEnabled, true);
            assert.strictEqual(settings.inputs.settings.dataTraceEnabled, false);
        });
    }

    it("allows data tracing outside prod when asked for", async () => {
        await build({ environment: "staging", dataTraceEnabled: true, executionLoggingLevel: "ERROR" });
        const settings = only(mocks, METHOD_SETTINGS);
        assert.strictEqual(settings.inputs.settings.dataTraceEnabled, true);
        assert.strictEqual(settings.inputs.settings.loggingLevel, "ERROR");
    });

    it("creates the REST API from the OpenAPI spec and redeploys when the spec changes", async () => {
        new ObservedRestApi("v1", restArgs({ service: "catalog" }));
        new ObservedRestApi("v1-again", restArgs({ service: "search" }));
        new ObservedRestApi("v2", restArgs({ service: "user", openApiSpec: OPEN_API_SPEC.replace("/orders", "/users") }));
        await settle();
        const restApi = mocks.ofType("aws:apigateway/restApi:RestApi").find((candidate) => candidate.inputs.name === "dev-catalog");
        assert.ok(restApi);
        assert.strictEqual(restApi.inputs.body, OPEN_API_SPEC);
        assert.strictEqual(restApi.inputs.endpointConfiguration.types, "REGIONAL");
        const triggers = mocks.ofType(DEPLOYMENT).map((deployment) => deployment.inputs.triggers.openApiSpecSha256);
        assert.strictEqual(triggers.length, 3);
        assert.strictEqual(triggers[0], triggers[1], "same spec, same deployment trigger");
        assert.notStrictEqual(triggers[0], triggers[2], "changed spec, new deployment");
    });

    it("exposes the stage name and invoke URL", async () => {
        const api = await build({ stageName: "v1" });
        assert.strictEqual(await resolve(api.stageName), "v1");
        const apiId = await resolve(api.restApiId);
        assert.strictEqual(await resolve(api.invokeUrl), `https://${apiId}.execute-api.${MOCK_REGION}.amazonaws.com/v1`);
        assert.strictEqual(await resolve(api.accessLogGroupName), "/aws/apigateway/dev-orders/v1/access");
    });

    it("makes the stage and method settings wait for the account CloudWatch role and the execution-log group", async () => {
        const capture = captureChildOptions();
        new ObservedRestApi("orders-api", restArgs(), { transformations: capture.transformations });
        await settle();
        const declared = (type: string) => {
            const found = capture.declared.filter((candidate) => candidate.type === type);
            assert.strictEqual(found.length, 1, type);
            return found[0];
        };
        const account = declared(ACCOUNT).resource;
        const executionGroup = capture.declared.find(
            (candidate) => candidate.type === LOG_GROUP && candidate.name === "orders-api-execution-logs",
        );
        assert.ok(executionGroup);
        for (const type of [REST_STAGE, METHOD_SETTINGS]) {
            const dependsOn = declared(type).opts.dependsOn as pulumi.Resource[];
            assert.ok(dependsOn.includes(account), `${type} depends on the account settings`);
            assert.ok(dependsOn.includes(executionGroup.resource), `${type} depends on the execution-log group`);
        }
    });

    it("shares one ApiGatewayAccount between several APIs", async () => {
        const account = new ApiGatewayAccount("apigateway");
        const first = new ObservedRestApi("orders-api", restArgs({ account }));
        const second = new ObservedRestApi("users-api", restArgs({ service: "users", account }));
        await settle();
        assert.strictEqual(mocks.ofType(ACCOUNT).length, 1);
        assert.strictEqual(first.account, undefined);
        assert.strictEqual(second.account, undefined);
        assert.strictEqual(mocks.ofType(REST_STAGE).length, 2);
    });

    it("accepts a REST API the caller built, deploying it with the caller's triggers", async () => {
        const restApi = new aws.apigateway.RestApi("hand-built", { name: "hand-built" });
        const api = new ObservedRestApi("hand-built-api", {
            environment: "prod",
            service: "payment",
            kmsKeyArn: KMS_KEY_ARN,
            restApi,
            redeployTriggers: { methods: "v3" },
            account: new ApiGatewayAccount("apigateway"),
        });
        await settle();
        const deployment = only(mocks, DEPLOYMENT);
        const restApiId = await resolve(restApi.id);
        assert.deepStrictEqual(deployment.inputs.triggers, { methods: "v3" });
        assert.strictEqual(deployment.inputs.restApi, restApiId);
        assert.strictEqual(only(mocks, REST_STAGE).inputs.restApi, restApiId);
        assert.strictEqual(await resolve(api.executionLogGroupName), `API-Gateway-Execution-Logs_${restApiId}/prod`);
        assertCompliantLogGroup(logGroupNamed(mocks, `API-Gateway-Execution-Logs_${restApiId}/prod`), "prod");
        assert.strictEqual(only(mocks, METHOD_SETTINGS).inputs.settings.loggingLevel, "ERROR");
    });

    describe("rejects bad args before declaring anything", () => {
        const rejects = async (overrides: Partial<ObservedRestApiArgs>, ...fragments: RegExp[]) => {
            await settle();
            const declaredBefore = mocks.resources.length;
            assert.throws(
                () => new ObservedRestApi("orders-api", restArgs(overrides)),
                (error: Error) => fragments.every((fragment) => fragment.test(error.message)),
            );
            await settle();
            assert.strictEqual(mocks.resources.length, declaredBefore, "nothing was declared");
        };

        it("retention 2555, suggesting 2557", async () => {
            await rejects({ retentionInDays: 2555 }, /ObservedRestApi "orders-api"/, /retentionInDays is 2555/, /use 2557/);
        });

        it("execution logging OFF or an unknown level, naming the field", async () => {
            await rejects({ executionLoggingLevel: "OFF" as RestExecutionLoggingLevel }, /executionLoggingLevel is "OFF"; allowed values are ERROR, INFO/);
            await rejects({ executionLoggingLevel: "DEBUG" as RestExecutionLoggingLevel }, /executionLoggingLevel is "DEBUG"/);
        });

        it("data tracing in prod", async () => {
            await rejects({ environment: "prod", dataTraceEnabled: true }, /dataTraceEnabled is true in prod/);
        });

        it("both or neither of openApiSpec and restApi", async () => {
            await rejects({ openApiSpec: undefined }, /openApiSpec is missing and restApi is missing; give exactly one/);
            const handBuilt = new aws.apigateway.RestApi("hand-built", { name: "hand-built" });
            await rejects({ restApi: handBuilt }, /openApiSpec is given and restApi is given; give exactly one/);
        });

        it("a stage name API Gateway does not accept", async () => {
            await rejects({ stageName: "prod/v1" }, /stageName is "prod\/v1"/);
        });
    });
});

describe("golden path: ObservedHttpApi", () => {
    let mocks: RecordingMocks;
    let httpApi: aws.apigatewayv2.Api;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
        httpApi = new aws.apigatewayv2.Api("orders-http", { name: "dev-orders", protocolType: "HTTP" });
    });

    function httpArgs(overrides: Partial<ObservedHttpApiArgs> = {}): ObservedHttpApiArgs {
        return { environment: "dev", service: "orders", kmsKeyArn: KMS_KEY_ARN, api: httpApi, ...overrides };
    }

    for (const environment of ENVIRONMENTS) {
        it(`writes JSON access logs to a declared, compliant log group in ${environment}`, async () => {
            const api = new ObservedHttpApi("orders-http", httpArgs({ environment }));
            await settle();
            const stage = only(mocks, HTTP_STAGE);
            const group = logGroupNamed(mocks, `/aws/apigateway/${environment}-orders/${environment}/access`);
            assertCompliantLogGroup(group, environment);
            assert.strictEqual(stage.inputs.accessLogSettings.destinationArn, logGroupArn(group.inputs.name));
            const line = parseAccessLogLine(stage.inputs.accessLogSettings.format);
            for (const key of ["requestId", "routeKey", "status", "responseLatency"]) {
                assert.ok(key in line, `access log carries ${key}`);
            }
            assert.strictEqual(await resolve(api.accessLogGroupName), group.inputs.name);
        });
    }

    it("turns detailed metrics on with throttling that lets traffic through, and deploys automatically", async () => {
        const api = new ObservedHttpApi("orders-http", httpArgs());
        await settle();
        const stage = only(mocks, HTTP_STAGE);
        assert.strictEqual(stage.inputs.defaultRouteSettings.detailedMetricsEnabled, true);
        assert.ok(stage.inputs.defaultRouteSettings.throttlingRateLimit > 0);
        assert.ok(stage.inputs.defaultRouteSettings.throttlingBurstLimit > 0);
        assert.strictEqual(stage.inputs.autoDeploy, true);
        const httpApiId = await resolve(httpApi.id);
        assert.strictEqual(stage.inputs.apiId, httpApiId);
        assert.strictEqual(await resolve(api.stageName), "dev");
        assert.strictEqual(await resolve(api.invokeUrl), `https://${httpApiId}.execute-api.${MOCK_REGION}.amazonaws.com/dev`);
        assert.strictEqual(mocks.ofType(ACCOUNT).length, 0, "HTTP APIs need no account CloudWatch role");
    });

    it("names the access-log group of the $default stage with characters log groups accept", async () => {
        new ObservedHttpApi("orders-http", httpArgs({ stageName: "$default" }));
        await settle();
        assert.strictEqual(only(mocks, HTTP_STAGE).inputs.name, "$default");
        logGroupNamed(mocks, "/aws/apigateway/dev-orders/default/access");
    });

    it("rejects retention 2555, a deployment pinned on an auto-deployed stage and throttling of 0", () => {
        assert.throws(
            () => new ObservedHttpApi("orders-http", httpArgs({ retentionInDays: 2555, deploymentId: "abc123", throttlingRateLimit: 0 })),
            (error: Error) =>
                /retentionInDays is 2555/.test(error.message) &&
                /use 2557/.test(error.message) &&
                /deploymentId is given while autoDeploy is true/.test(error.message) &&
                /throttlingRateLimit is 0; a positive number is required/.test(error.message),
        );
    });
});
