import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { ApiGatewayAccount, ObservedFunction, ObservedRestApi } from "../../components/golden-path";
import { assertNoProblems, environmentProblems } from "../../components/golden-path/validation";
import { childName, serviceFunctionName } from "../../components/naming";
import { ORDERS_ROUTE, REFERENCE_VARIABLES, STOCK_ROUTE } from "./contract";
import { bundleReferenceHandlers } from "./bundle";
import { referenceOpenApiSpec } from "./openapi";

export const REFERENCE_SERVICE_TYPE = "observability:reference:ReferenceService";

export interface ReferenceServiceArgs {
    environment: Environment;
    /** KMS key that encrypts every log group of the service (the estate's key). */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * The handlers `front.js` and `back.js` (each exporting `handler`, dependencies included).
     * Default: services/reference/handlers bundled in memory (bundle.ts).
     */
    code?: pulumi.asset.Archive;
    /** Service name prefix; the functions are `<service>-orders` and `<service>-stock`. Default `reference`. */
    service?: string;
    /** Written as `version` into every log line. Default `1.0.0`. */
    version?: string;
    /** Retention of the functions' log groups (and the API's, unless `apiRetentionInDays`); default by environment. */
    retentionInDays?: number;
    /** Retention of the API's access- and execution-log groups; default `retentionInDays`. */
    apiRetentionInDays?: number;
    /** The region's API Gateway account settings; omitted, the API declares its own. */
    account?: ApiGatewayAccount | pulumi.Resource;
    /** Layers for the functions, e.g. the Powertools layer when the bundle leaves it out. */
    layers?: pulumi.Input<string>[];
    /** Stage-wide throttling; defaults keep a demo service cheap. */
    throttlingRateLimit?: number;
    throttlingBurstLimit?: number;
    tags?: Record<string, string>;
}

/**
 * The reference service of SPEC §9, built only from golden-path blocks: a REST API whose public
 * route `GET /orders/{id}` invokes the orders function, which calls the stock function over
 * HTTP through the same API's internal route `GET /internal/stock/{id}`. The internal route
 * requires SigV4 (AWS_IAM) and only the orders function's role may invoke it, so the call goes
 * through API Gateway — traced, access-logged, throttled — like any call between services.
 */
export class ReferenceService extends pulumi.ComponentResource {
    public readonly ordersFunction: ObservedFunction;
    public readonly stockFunction: ObservedFunction;
    public readonly api: ObservedRestApi;
    /** `GET ${ordersUrl}/<id>` */
    public readonly ordersUrl: pulumi.Output<string>;
    public readonly stockUrl: pulumi.Output<string>;

    constructor(name: string, args: ReferenceServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = environmentProblems("environment", args.environment);
        assertNoProblems(REFERENCE_SERVICE_TYPE, name, problems);
        super(REFERENCE_SERVICE_TYPE, name, {}, opts);

        const service = args.service ?? "reference";
        const version = args.version ?? "1.0.0";
        const ordersService = `${service}-orders`;
        const stockService = `${service}-stock`;
        const code = args.code ?? bundleReferenceHandlers();
        const common = {
            environment: args.environment,
            kmsKeyArn: args.kmsKeyArn,
            retentionInDays: args.retentionInDays,
            runtime: "nodejs20.x",
            code,
            layers: args.layers,
            memorySize: 256,
            timeout: 10,
            tags: args.tags,
        } as const;

        this.stockFunction = new ObservedFunction(
            childName(name, "stock"),
            {
                ...common,
                service: stockService,
                handler: "back.handler",
                description: "Reference service: stock lookup behind the internal IAM-authorised route",
                environmentVariables: { [REFERENCE_VARIABLES.serviceVersion]: version },
            },
            { parent: this },
        );

        // The orders function needs the API's URL, so the API cannot wait for the function's
        // invokeArn: its integration URI is built from the function name, which is known up front.
        const ordersFunctionName = serviceFunctionName(args.environment, ordersService);
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const { accountId } = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this }).partition;
        const ordersInvokeArn = pulumi.interpolate`arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/arn:${partition}:lambda:${region}:${accountId}:function:${ordersFunctionName}/invocations`;

        this.api = new ObservedRestApi(
            childName(name, "api"),
            {
                environment: args.environment,
                service,
                kmsKeyArn: args.kmsKeyArn,
                account: args.account,
                retentionInDays: args.apiRetentionInDays ?? args.retentionInDays,
                throttlingRateLimit: args.throttlingRateLimit ?? 50,
                throttlingBurstLimit: args.throttlingBurstLimit ?? 100,
                openApiSpec: pulumi
                    .all([ordersInvokeArn, this.stockFunction.invokeArn])
                    .apply(([orders, stock]) => JSON.stringify(referenceOpenApiSpec(`${args.environment}-${service}`, orders, stock))),
                tags: args.tags,
            },
            { parent: this },
        );

        const routeArn = (route: { method: string; prefix: string }) =>
            pulumi.interpolate`${this.api.restApiExecutionArn}/${this.api.stageName}/${route.method}${route.prefix}/*`;
        this.ordersUrl = pulumi.interpolate`${this.api.invokeUrl}${ORDERS_ROUTE.prefix}`;
        this.stockUrl = pulumi.interpolate`${this.api.invokeUrl}${STOCK_ROUTE.prefix}`;

        this.ordersFunction = new ObservedFunction(
            childName(name, "orders"),
            {
                ...common,
                service: ordersService,
                functionName: ordersFunctionName,
                handler: "front.handler",
                description: "Reference service: public orders route, calls the stock route with trace propagation",
                environmentVariables: { [REFERENCE_VARIABLES.serviceVersion]: version, [REFERENCE_VARIABLES.stockUrl]: this.stockUrl },
                policyStatements: [{ sid: "InvokeStockRoute", actions: ["execute-api:Invoke"], resources: [routeArn(STOCK_ROUTE)] }],
            },
            { parent: this },
        );

        // API Gateway may invoke each function only through its own route.
        for (const [part, fn, route] of [
            ["orders-invoke", this.ordersFunction, ORDERS_ROUTE],
            ["stock-invoke", this.stockFunction, STOCK_ROUTE],
        ] as const) {
            new aws.lambda.Permission(
                childName(name, part),
                { action: "lambda:InvokeFunction", function: fn.functionName, principal: "apigateway.amazonaws.com", sourceArn: routeArn(route) },
                { parent: this },
            );
        }

        this.registerOutputs({ ordersUrl: this.ordersUrl, stockUrl: this.stockUrl });
    }
}
