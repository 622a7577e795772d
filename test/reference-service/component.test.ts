import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { OBSERVED_FUNCTION_VARIABLES } from "../../components/golden-path";
import { evaluateResources, resolveSettings } from "../../policies/evaluate";
import { OBSERVED_RUNTIME_VARIABLES, ORDERS_ROUTE, REFERENCE_VARIABLES, STOCK_ROUTE } from "../../services/reference/contract";
import { REFERENCE_SERVICE_TYPE, ReferenceService, ReferenceServiceArgs, SIGV4_SCHEME } from "../../services/reference";
import { MOCK_ACCOUNT_ID, RecordedResource, RecordingMocks, registeredUrns, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const KMS_KEY_ARN = `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT_ID}:key/reference-test`;
const CODE = new pulumi.asset.FileArchive(path.resolve(__dirname, "../../services/reference/handlers"));

function args(overrides: Partial<ReferenceServiceArgs> = {}): ReferenceServiceArgs {
    return { environment: "dev", kmsKeyArn: KMS_KEY_ARN, code: CODE, ...overrides };
}

/** `urn:pulumi:<stack>::<project>::<parent types $-joined>::<name>` → its type chain. */
function typeChain(urn: string): string[] {
    return urn.split("::")[2].split("$");
}

function functionNamed(mocks: RecordingMocks, name: string): RecordedResource {
    const found = mocks.ofType("aws:lambda/function:Function").find((fn) => fn.inputs.name === name);
    assert.ok(found, `function ${name} is declared`);
    return found;
}

describe("reference service: ReferenceService component", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("declares only golden-path blocks (two ObservedFunctions, one ObservedRestApi) and their route permissions", async () => {
        new ReferenceService("reference", args());
        await settle();
        const directChildren = registeredUrns()
            .map(typeChain)
            .filter((chain) => chain.length === 2 && chain[0] === REFERENCE_SERVICE_TYPE)
            .map((chain) => chain[1])
            .sort();
        assert.deepStrictEqual(directChildren, [
            "aws:lambda/permission:Permission",
            "aws:lambda/permission:Permission",
            "observability:golden-path:ObservedFunction",
            "observability:golden-path:ObservedFunction",
            "observability:golden-path:ObservedRestApi",
        ]);
    });

    it("passes every policy of the pack: traced, JSON-logging functions and a traced, logged stage with declared log groups", async () => {
        new ReferenceService("reference", args());
        await settle();
        const functions = mocks.ofType("aws:lambda/function:Function");
        assert.strictEqual(functions.length, 2);
        for (const fn of functions) {
            assert.deepStrictEqual(fn.inputs.tracingConfig, { mode: "Active" });
            assert.strictEqual(fn.inputs.loggingConfig.logFormat, "JSON");
            const declared = mocks.ofType("aws:cloudwatch/logGroup:LogGroup").find((group) => group.inputs.name === fn.inputs.loggingConfig.logGroup);
            assert.ok(declared, `log group ${fn.inputs.loggingConfig.logGroup} of ${fn.inputs.name} is declared`);
            assert.strictEqual(declared.inputs.kmsKeyId, KMS_KEY_ARN);
        }
        assert.strictEqual(mocks.ofType("aws:apigateway/stage:Stage")[0].inputs.xrayTracingEnabled, true);

        const resources = mocks.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
        const violations = evaluateResources(resources, resolveSettings({ environment: "dev" }));
        assert.deepStrictEqual(
            violations.map((v) => `${v.policy}: ${v.message}`),
            [],
        );
    });

    it("routes GET /orders/{id} to the orders function and the IAM-only internal route to the stock function", async () => {
        const service = new ReferenceService("reference", args());
        await settle();
        const spec = JSON.parse(mocks.ofType("aws:apigateway/restApi:RestApi")[0].inputs.body);
        const orders = spec.paths[ORDERS_ROUTE.resource].get;
        const stock = spec.paths[STOCK_ROUTE.resource].get;
        assert.strictEqual(orders["x-amazon-apigateway-integration"].type, "aws_proxy");
        assert.match(orders["x-amazon-apigateway-integration"].uri, /function:dev-reference-orders\/invocations$/);
        assert.strictEqual(orders.security, undefined, "the orders route is public");
        assert.strictEqual(stock["x-amazon-apigateway-integration"].uri, await resolve(service.stockFunction.invokeArn));
        assert.deepStrictEqual(stock.security, [{ [SIGV4_SCHEME]: [] }]);
        assert.strictEqual(spec.components.securitySchemes[SIGV4_SCHEME]["x-amazon-apigateway-authtype"], "awsSigv4");

        const permissions = mocks.ofType("aws:lambda/permission:Permission").map((p) => [p.inputs.function, p.inputs.sourceArn]);
        const executionArn = `${await resolve(service.api.restApiExecutionArn)}/dev`;
        assert.deepStrictEqual(permissions.sort(), [
            ["dev-reference-orders", `${executionArn}/GET/orders/*`],
            ["dev-reference-stock", `${executionArn}/GET/internal/stock/*`],
        ]);
    });

    it("gives the orders function the stock URL and execute-api:Invoke on that route only", async () => {
        const service = new ReferenceService("reference", args({ version: "2.3.4" }));
        await settle();
        const apiId = await resolve(service.api.restApiId);
        const orders = functionNamed(mocks, "dev-reference-orders");
        const variables = orders.inputs.environment.variables;
        assert.strictEqual(variables[REFERENCE_VARIABLES.stockUrl], `${await resolve(service.api.invokeUrl)}/internal/stock`);
        assert.strictEqual(variables[REFERENCE_VARIABLES.serviceVersion], "2.3.4");
        assert.strictEqual(functionNamed(mocks, "dev-reference-stock").inputs.environment.variables[REFERENCE_VARIABLES.stockUrl], undefined);

        const ordersRole = mocks.ofType("aws:iam/role:Role").find((role) => role.inputs.description?.includes("dev-reference-orders"));
        assert.ok(ordersRole);
        const policies = mocks.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => JSON.parse(p.inputs.policy) as { Statement: { Sid?: string; Action: string[]; Resource: string[] }[] });
        const invoke = policies.flatMap((p) => p.Statement).filter((s) => s.Sid === "InvokeStockRoute");
        assert.deepStrictEqual(invoke, [
            {
                Sid: "InvokeStockRoute",
                Effect: "Allow",
                Action: ["execute-api:Invoke"],
                Resource: [`arn:aws:execute-api:eu-west-1:${MOCK_ACCOUNT_ID}:${apiId}/dev/GET/internal/stock/*`],
            },
        ]);
    });

    it("sets the runtime variables the handlers read", async () => {
        assert.deepStrictEqual(
            { serviceName: OBSERVED_FUNCTION_VARIABLES.serviceName, environment: OBSERVED_FUNCTION_VARIABLES.environment },
            OBSERVED_RUNTIME_VARIABLES,
            "the handlers' copy of the golden-path variable names matches ObservedFunction's",
        );
        new ReferenceService("reference", args({ environment: "staging", service: "demo" }));
        await settle();
        const variables = functionNamed(mocks, "staging-demo-stock").inputs.environment.variables;
        assert.strictEqual(variables[OBSERVED_RUNTIME_VARIABLES.serviceName], "demo-stock");
        assert.strictEqual(variables[OBSERVED_RUNTIME_VARIABLES.environment], "staging");
    });

    it("keeps the API's access and execution logs for apiRetentionInDays and the functions' for retentionInDays", async () => {
        new ReferenceService("reference", args({ environment: "staging", retentionInDays: 30, apiRetentionInDays: 90 }));
        await settle();
        const retention = Object.fromEntries(mocks.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => [String(g.inputs.name), g.inputs.retentionInDays]));
        const api = Object.entries(retention).filter(([name]) => name.startsWith("/aws/apigateway/") || name.startsWith("API-Gateway-Execution-Logs_"));
        const functions = Object.entries(retention).filter(([name]) => name.startsWith("/aws/lambda/"));
        assert.strictEqual(api.length, 2);
        assert.strictEqual(functions.length, 2);
        assert.ok(api.every(([, days]) => days === 90), JSON.stringify(api));
        assert.ok(functions.every(([, days]) => days === 30), JSON.stringify(functions));
    });

    it("rejects invalid args before declaring anything, naming field, value and what is allowed", () => {
        assert.throws(
            () => new ReferenceService("reference", args({ environment: "qa" as never })),
            (error: Error) => error.message.includes('environment is "qa"; allowed values are dev, staging, prod'),
        );
    });
});

describe("reference handlers bundle", () => {
    it("bundles front.js and back.js with their dependencies, each loading on its own and exporting a handler", async () => {
        const { bundleReferenceHandlers } = await import("../../services/reference/bundle");
        const assets = (await bundleReferenceHandlers().assets) as Record<string, pulumi.asset.StringAsset>;
        assert.deepStrictEqual(Object.keys(assets).sort(), ["back.js", "front.js"]);
        // Load each bundle where nothing else is installed, as Lambda would, with the variables the component sets.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reference-bundle-"));
        try {
            for (const [file, asset] of Object.entries(assets)) {
                const text = await asset.text;
                assert.ok(text !== undefined);
                assert.ok(!/require\("@aws-lambda-powertools/.test(text), `${file} bundles Powertools instead of requiring it`);
                fs.writeFileSync(path.join(dir, file), text);
                const loaded = spawnSync(process.execPath, ["-e", `process.stdout.write(typeof require(${JSON.stringify(path.join(dir, file))}).handler)`], {
                    cwd: dir,
                    env: {
                        PATH: process.env.PATH,
                        [OBSERVED_RUNTIME_VARIABLES.serviceName]: "reference-orders",
                        [OBSERVED_RUNTIME_VARIABLES.environment]: "dev",
                        [REFERENCE_VARIABLES.serviceVersion]: "1.0.0",
                        [REFERENCE_VARIABLES.stockUrl]: "https://example.invalid/dev/internal/stock",
                    },
                    encoding: "utf8",
                });
                assert.strictEqual(loaded.stdout, "function", `${file}: ${loaded.stderr}`);
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
