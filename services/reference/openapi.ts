import { ORDERS_ROUTE, STOCK_ROUTE } from "./contract";

/** Lambda proxy integration of one route. */
function lambdaProxy(invokeArn: string) {
    return {
        type: "aws_proxy",
        // Lambda is always invoked with POST, whatever the client's method.
        httpMethod: "POST",
        uri: invokeArn,
        passthroughBehavior: "when_no_match",
    };
}

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9-]{1,64}$" } };

/** Name of the IAM (SigV4) security scheme of the internal route. */
export const SIGV4_SCHEME = "sigv4";

/**
 * OpenAPI definition of the reference API: the public orders route and the internal stock
 * route, which only callers with `execute-api:Invoke` on it (the orders function) may call.
 */
export function referenceOpenApiSpec(title: string, ordersInvokeArn: string, stockInvokeArn: string): Record<string, unknown> {
    return {
        openapi: "3.0.1",
        info: { title, version: "1.0" },
        paths: {
            [ORDERS_ROUTE.resource]: {
                [ORDERS_ROUTE.method.toLowerCase()]: {
                    operationId: "getOrder",
                    parameters: [idParameter],
                    "x-amazon-apigateway-integration": lambdaProxy(ordersInvokeArn),
                },
            },
            [STOCK_ROUTE.resource]: {
                [STOCK_ROUTE.method.toLowerCase()]: {
                    operationId: "getStock",
                    parameters: [idParameter],
                    security: [{ [SIGV4_SCHEME]: [] }],
                    "x-amazon-apigateway-integration": lambdaProxy(stockInvokeArn),
                },
            },
        },
        components: {
            securitySchemes: {
                [SIGV4_SCHEME]: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
            },
        },
    };
}
