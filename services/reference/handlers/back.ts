import { createHash } from "crypto";
import { FAULT_INJECTION_PREFIX } from "../contract";
import { createObservability, observedApiHandler } from "./observability";

/**
 * The back service: the stock level of an item. It sits behind the internal route of the REST
 * API (IAM-authorised), continues the caller's trace and correlation id, and fails on purpose
 * for ids starting with `fault-` so that a fault can be followed end to end.
 */
const observability = createObservability();
const ITEM_ID = /^[A-Za-z0-9-]{1,64}$/;

export class InjectedFault extends Error {
    constructor(id: string) {
        super(`stock lookup failed for "${id}" (fault injected by the "${FAULT_INJECTION_PREFIX}" id prefix)`);
        this.name = "InjectedFault";
    }
}

/** A stable stock level per id, standing in for the table a real service would read. */
function stockLevel(id: string): number {
    return createHash("sha256").update(id).digest().readUInt16BE(0) % 100;
}

export const handler = observedApiHandler("back.handler", observability, async (event, scope) => {
    const id = event.pathParameters?.id ?? "";
    if (!ITEM_ID.test(id)) {
        return {
            statusCode: 400,
            body: JSON.stringify({ message: `id is "${id}"; 1 to 64 letters, digits or hyphens are allowed` }),
        };
    }
    if (id.startsWith(FAULT_INJECTION_PREFIX)) {
        throw new InjectedFault(id);
    }
    const available = stockLevel(id);
    observability.logger.debug("stock looked up", { context: { item_id: id, available } });
    return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id, available, correlation_id: scope.correlationId }),
    };
});
