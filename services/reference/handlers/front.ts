import { REFERENCE_VARIABLES } from "../contract";
import { callDownstream, createObservability, observedApiHandler } from "./observability";
import { executeApiAuthorization } from "./signing";

/**
 * The front service: `GET /orders/{id}` answers with the order and the stock level it asks the
 * back service for over HTTP, propagating the trace and the correlation id on that call.
 */
const observability = createObservability();
const ORDER_ID = /^[A-Za-z0-9-]{1,64}$/;

function stockBaseUrl(): string {
    const value = process.env[REFERENCE_VARIABLES.stockUrl];
    if (value === undefined || !/^https?:\/\//.test(value)) {
        throw new Error(`environment variable ${REFERENCE_VARIABLES.stockUrl} is ${JSON.stringify(value)}; the http(s) URL of the stock route is required`);
    }
    return value.replace(/\/+$/, "");
}

const stockUrl = stockBaseUrl();
const region = process.env.AWS_REGION ?? "";

export const handler = observedApiHandler("front.handler", observability, async (event, scope) => {
    const id = event.pathParameters?.id ?? "";
    if (!ORDER_ID.test(id)) {
        return {
            statusCode: 400,
            body: JSON.stringify({ message: `id is "${id}"; 1 to 64 letters, digits or hyphens are allowed` }),
        };
    }
    const url = new URL(`${stockUrl}/${encodeURIComponent(id)}`);
    const stock = await callDownstream(scope, url, await executeApiAuthorization(url, region));
    if (stock.status !== 200) {
        return {
            statusCode: 502,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ message: `stock service answered ${stock.status}`, correlation_id: scope.correlationId }),
        };
    }
    const { available } = JSON.parse(stock.body) as { available: number };
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id, status: available > 0 ? "available" : "backordered", available, correlation_id: scope.correlationId }),
    };
});
