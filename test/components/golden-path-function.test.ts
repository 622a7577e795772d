import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { ENVIRONMENTS, Environment } from "../../config/types";
import { ApiGatewayAccount, ObservedFunction, ObservedFunctionArgs } from "../../components/golden-path";
import { retentionProblems } from "../../components/golden-path/validation";
import {
    CLOUDWATCH_RETENTION_DAYS,
    LAMBDA_APPLICATION_LOG_LEVELS,
    LAMBDA_SYSTEM_LOG_LEVELS,
    LambdaApplicationLogLevel,
    MINIMUM_LOG_RETENTION_DAYS,
    isCloudWatchRetention,
} from "../../policies/rules/cloudwatch";
import { MOCK_ACCOUNT_ID, captureChildOptions, RecordedResource, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const KMS_KEY_ARN = `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT_ID}:key/golden-path-test`;
const FUNCTION = "aws:lambda/function:Function";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** X-Ray's write actions accept no resource other than "*" (documented exception). */
const XRAY_ACTIONS_WITHOUT_RESOURCE_SCOPE = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

function functionArgs(overrides: Partial<ObservedFunctionArgs> = {}): ObservedFunctionArgs {
    return {
        environment: "dev",
        service: "orders",
        kmsKeyArn: KMS_KEY_ARN,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({});") }),
        ...overrides,
    };
}

interface Statement {
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Principal?: { Service?: string };
    Condition?: Record<string, Record<string, string>>;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function statementsOf(policyJson: string): Statement[] {
    return (JSON.parse(policyJson) as { Statement: Statement[] }).Statement;
}

function only(mocks: RecordingMocks, type: string): RecordedResource {
    const found = mocks.ofType(type);
    assert.strictEqual(found.length, 1, `expected exactly one ${type}, found ${found.length}`);
    return found[0];
}

async function build(args: ObservedFunctionArgs, mocks: RecordingMocks): Promise<{ fn: ObservedFunction; recorded: RecordedResource }> {
    const fn = new ObservedFunction("orders", args);
    await settle();
    return { fn, recorded: only(mocks, FUNCTION) };
}

describe("golden path: ObservedFunction", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("turns X-Ray tracing on in Active mode", async () => {
        const { recorded } = await build(functionArgs(), mocks);
        assert.deepStrictEqual(recorded.inputs.tracingConfig, { mode: "Active" });
    });

    it("logs JSON to its own declared log group with allowed levels (DEBUG/INFO in dev)", async () => {
        const { recorded } = await build(functionArgs(), mocks);
        const logging = recorded.inputs.loggingConfig;
        assert.strictEqual(logging.logFormat, "JSON");
        assert.strictEqual(logging.applicationLogLevel, "DEBUG");
        assert.strictEqual(logging.systemLogLevel, "INFO");
        assert.ok((LAMBDA_APPLICATION_LOG_LEVELS as readonly string[]).includes(logging.applicationLogLevel));
        assert.ok((LAMBDA_SYSTEM_LOG_LEVELS as readonly string[]).includes(logging.systemLogLevel));
        const declaredNames = mocks.ofType(LOG_GROUP).map((group) => group.inputs.name);
        assert.deepStrictEqual(declaredNames, ["/aws/lambda/dev-orders"]);
        assert.strictEqual(logging.logGroup, "/aws/lambda/dev-orders");
        assert.strictEqual(recorded.inputs.name, "dev-orders");
    });

    it("defaults to INFO application and WARN system logs in prod", async () => {
        const { recorded } = await build(functionArgs({ environment: "prod" }), mocks);
        assert.strictEqual(recorded.inputs.loggingConfig.applicationLogLevel, "INFO");
        assert.strictEqual(recorded.inputs.loggingConfig.systemLogLevel, "WARN");
    });

    for (const environment of ENVIRONMENTS) {
        it(`gives the log group an accepted retention of at least the ${environment} minimum and the KMS key`, async () => {
            await build(functionArgs({ environment }), mocks);
            const group = only(mocks, LOG_GROUP);
            assert.ok(isCloudWatchRetention(group.inputs.retentionInDays), `retention ${group.inputs.retentionInDays}`);
            assert.ok(group.inputs.retentionInDays >= MINIMUM_LOG_RETENTION_DAYS[environment]);
            assert.ok(group.inputs.retentionInDays >= { dev: 7, staging: 30, prod: 365 }[environment]);
            assert.strictEqual(group.inputs.kmsKeyId, KMS_KEY_ARN);
        });
    }

    it("declares the function only after its log group and role policy", async () => {
        const capture = captureChildOptions();
        new ObservedFunction("orders", functionArgs(), { transformations: capture.transformations });
        await settle();
        const byType = (type: string) => capture.declared.filter((declared) => declared.type === type).map((declared) => declared.resource);
        const fn = capture.declared.find((declared) => declared.type === FUNCTION);
        assert.ok(fn, "the function was declared");
        const dependsOn = fn.opts.dependsOn as pulumi.Resource[];
        assert.ok(dependsOn.includes(byType(LOG_GROUP)[0]), "depends on the log group");
        assert.ok(dependsOn.includes(byType(ROLE_POLICY)[0]), "depends on the role policy");
    });

    it("writes to a service log group passed in, with an explicit function name", async () => {
        const { recorded } = await build(functionArgs({ functionName: "orders-api-handler", logGroupName: "/app/dev/orders" }), mocks);
        assert.strictEqual(recorded.inputs.name, "orders-api-handler");
        assert.strictEqual(recorded.inputs.loggingConfig.logGroup, "/app/dev/orders");
        assert.strictEqual(only(mocks, LOG_GROUP).inputs.name, "/app/dev/orders");
    });

    it("grants logs only on its log group and X-Ray writes as the only resource-wide actions", async () => {
        const extra = { actions: ["dynamodb:GetItem"], resources: [`arn:aws:dynamodb:eu-west-1:${MOCK_ACCOUNT_ID}:table/orders`] };
        const { fn } = await build(functionArgs({ policyStatements: [extra] }), mocks);
        const statements = statementsOf(only(mocks, ROLE_POLICY).inputs.policy);
        const logGroupArn = await resolve(fn.logGroupArn);
        for (const statement of statements) {
            const actions = list(statement.Action);
            const resources = list(statement.Resource);
            assert.ok(!actions.some((action) => action === "*" || action.endsWith(":*")), `no wildcard actions: ${actions}`);
            if (resources.includes("*")) {
                assert.deepStrictEqual([...actions].sort(), [...XRAY_ACTIONS_WITHOUT_RESOURCE_SCOPE].sort());
            }
        }
        const logs = statements.find((statement) => list(statement.Action).includes("logs:PutLogEvents"));
        assert.ok(logs);
        assert.deepStrictEqual([...list(logs.Action)].sort(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
        assert.deepStrictEqual(list(logs.Resource), [`${logGroupArn}:*`]);
        assert.ok(statements.some((statement) => list(statement.Action).includes("dynamodb:GetItem")));
        assert.ok(!statements.some((statement) => list(statement.Action).includes("logs:CreateLogGroup")), "never creates log groups");
    });

    it("lets only Lambda of this account assume the role, and the function uses it", async () => {
        const { fn, recorded } = await build(functionArgs(), mocks);
        const [trust] = statementsOf(only(mocks, ROLE).inputs.assumeRolePolicy);
        assert.strictEqual(trust.Principal?.Service, "lambda.amazonaws.com");
        assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } });
        assert.strictEqual(recorded.inputs.role, await resolve(fn.roleArn));
    });

    it("sets the Powertools service and merges the caller's environment variables over it", async () => {
        const { recorded } = await build(
            functionArgs({ environmentVariables: { TABLE_NAME: "orders", POWERTOOLS_SERVICE_NAME: "orders-api" } }),
            mocks,
        );
        const variables = recorded.inputs.environment.variables;
        assert.strictEqual(variables.TABLE_NAME, "orders");
        assert.strictEqual(variables.POWERTOOLS_SERVICE_NAME, "orders-api");
        assert.strictEqual(variables.POWERTOOLS_METRICS_NAMESPACE, "Observability/dev/orders");
        assert.strictEqual(variables.OBSERVABILITY_ENVIRONMENT, "dev");
    });

    it("passes the code settings through and exposes names, not secrets, as outputs", async () => {
        const { fn, recorded } = await build(functionArgs({ memorySize: 512, timeout: 10, architectures: ["arm64"] }), mocks);
        assert.strictEqual(recorded.inputs.runtime, "nodejs20.x");
        assert.strictEqual(recorded.inputs.handler, "index.handler");
        assert.strictEqual(recorded.inputs.memorySize, 512);
        assert.strictEqual(recorded.inputs.timeout, 10);
        assert.deepStrictEqual(recorded.inputs.architectures, ["arm64"]);
        assert.strictEqual(await resolve(fn.functionName), "dev-orders");
        assert.strictEqual(await resolve(fn.logGroupName), "/aws/lambda/dev-orders");
        assert.match(await resolve(fn.functionArn), /:function:dev-orders$/);
    });

    describe("rejects bad args before declaring anything", () => {
        const rejects = async (overrides: Partial<ObservedFunctionArgs>, ...fragments: RegExp[]) => {
            await settle();
            const declaredBefore = mocks.resources.length;
            assert.throws(
                () => new ObservedFunction("orders", functionArgs(overrides)),
                (error: Error) => fragments.every((fragment) => fragment.test(error.message)),
            );
            await settle();
            assert.strictEqual(mocks.resources.length, declaredBefore, "nothing was declared");
        };

        it("a retention CloudWatch does not accept, suggesting the nearest (2555 → 2557)", async () => {
            await rejects({ retentionInDays: 2555 }, /retentionInDays is 2555/, /use 2557/);
        });

        it("a retention CloudWatch does not accept, suggesting a value that also meets the environment minimum (prod 200 → 365)", async () => {
            await rejects({ environment: "prod", retentionInDays: 200 }, /retentionInDays is 200, which CloudWatch does not accept; use 365 /);
        });

        it("never-expiring retention (0)", async () => {
            await rejects({ retentionInDays: 0 }, /retentionInDays is 0 \(0 would mean never expire\)/);
        });

        it("a retention below the prod minimum", async () => {
            await rejects({ environment: "prod", retentionInDays: 30 }, /retentionInDays is 30, below the prod minimum of 365 days/);
        });

        it("an invalid log level, naming the field and the allowed values", async () => {
            await rejects(
                { applicationLogLevel: "VERBOSE" as string as LambdaApplicationLogLevel },
                /applicationLogLevel is "VERBOSE"/,
                /TRACE, DEBUG, INFO, WARN, ERROR, FATAL/,
            );
        });

        it("every problem at once", async () => {
            await rejects(
                { retentionInDays: 2555, functionName: "has spaces", systemLogLevel: "ERROR" as "WARN" },
                /retentionInDays/,
                /functionName is "has spaces"/,
                /systemLogLevel is "ERROR"; allowed values are DEBUG, INFO, WARN/,
            );
        });

        it("an unknown environment", async () => {
            await rejects({ environment: "qa" as Environment }, /environment is "qa"; allowed values are dev, staging, prod/);
        });

        it("extra permissions that grant wildcard actions on every resource", async () => {
            await rejects({ policyStatements: [{ actions: ["s3:*"], resources: ["*"] }] }, /policyStatements\[0\] allows wildcard actions "s3:\*" on resource "\*"/);
            await rejects({ policyStatements: [{ actions: ["*"], resources: ["arn:aws:s3:::bucket"] }] }, /policyStatements\[0\]\.actions contains "\*"/);
        });
    });
});

describe("golden path: retention validation", () => {
    it("accepts exactly the CloudWatch retentions at or above the environment minimum", () => {
        fc.assert(
            fc.property(fc.integer({ min: -10, max: 4000 }), fc.constantFrom(...ENVIRONMENTS), (days, environment) => {
                const problems = retentionProblems("retentionInDays", days, environment);
                const accepted = (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days) && days >= MINIMUM_LOG_RETENTION_DAYS[environment];
                return accepted === (problems.length === 0) && problems.every((problem) => problem.startsWith(`retentionInDays is ${days}`));
            }),
        );
    });
});

describe("golden path: ApiGatewayAccount", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("sets the account CloudWatch role: trusted by API Gateway of this account, with the managed push policy", async () => {
        const capture = captureChildOptions();
        const account = new ApiGatewayAccount("apigateway", {}, { transformations: capture.transformations });
        await settle();
        const role = only(mocks, ROLE);
        const [trust] = statementsOf(role.inputs.assumeRolePolicy);
        assert.strictEqual(trust.Effect, "Allow");
        assert.strictEqual(trust.Principal?.Service, "apigateway.amazonaws.com");
        assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID } });

        const attachment = only(mocks, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.strictEqual(attachment.inputs.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
        assert.strictEqual(attachment.inputs.role, (await resolve(account.roleArn)).split("/").pop(), "attached to the role the account uses");

        const settings = only(mocks, "aws:apigateway/account:Account");
        assert.strictEqual(settings.inputs.cloudwatchRoleArn, await resolve(account.roleArn));
        const declaredAccount = capture.declared.find((declared) => declared.type === "aws:apigateway/account:Account");
        const declaredAttachment = capture.declared.find((declared) => declared.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.ok(declaredAccount && declaredAttachment);
        assert.ok((declaredAccount.opts.dependsOn as pulumi.Resource[]).includes(declaredAttachment.resource));
        assert.ok(account.account instanceof aws.apigateway.Account);
        assert.ok(capture.declared.every((declared) => !declared.opts.retainOnDelete), "deleted with the stack by default");
    });

    it("keeps the role and the regional setting on destroy when other programs rely on them", async () => {
        const capture = captureChildOptions();
        new ApiGatewayAccount("apigateway", { retainOnDelete: true }, { transformations: capture.transformations });
        await settle();
        const children = capture.declared.filter((declared) => declared.type.startsWith("aws:"));
        assert.deepStrictEqual(children.map((declared) => [declared.type, declared.opts.retainOnDelete]), [
            [ROLE, true],
            ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", true],
            ["aws:apigateway/account:Account", true],
        ]);
    });
});
