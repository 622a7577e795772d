import { createHash } from "crypto";
import * as http from "http";
import type { AddressInfo } from "net";

/**
 * An HTTP proxy in front of the emulator that answers some requests itself with the errors real
 * AWS sends, in each service's protocol shape:
 *
 * - throttling: of the distinct requests (method, path and body) the proxy sees, exactly
 *   ⌊n × share⌋ are throttled, spread evenly (the k-th distinct request is throttled when
 *   ⌊k × share⌋ grows), each only once: a retry of a throttled request always goes through.
 *   Bounded and deterministic in number, whatever ids the emulator hands out.
 * - access denied: every request signed for the given region.
 *
 * Service and region are read from the SigV4 credential scope, as AWS routes them.
 */

export interface FaultPlan {
    /** Share of distinct requests to throttle once, 0..1. */
    throttleShare?: number;
    /** Services to throttle (SigV4 signing names); default: the ones an audit reads. */
    throttleServices?: string[];
    /** Region whose every request is denied. */
    denyRegion?: string;
}

export interface ProxyStats {
    forwarded: number;
    throttled: number;
    denied: number;
    /** Requests per `service:region`. */
    byScope: Map<string, number>;
}

export interface FaultProxy {
    endpoint: string;
    stats: ProxyStats;
    stop(): Promise<void>;
}

interface ErrorShape {
    status: number;
    headers: Record<string, string>;
    body: string;
}

function scopeOf(authorization: string | undefined): { service: string; region: string } {
    const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
    return match ? { region: match[1], service: match[2] } : { region: "unknown", service: "unknown" };
}

function throttlingError(service: string): ErrorShape {
    switch (service) {
        case "lambda":
            return {
                status: 429,
                headers: { "x-amzn-ErrorType": "TooManyRequestsException", "content-type": "application/json" },
                body: JSON.stringify({ Type: "User", message: "Rate exceeded", Reason: "CallerRateLimitExceeded" }),
            };
        case "apigateway":
            return { status: 429, headers: { "x-amzn-ErrorType": "TooManyRequestsException", "content-type": "application/json" }, body: JSON.stringify({ message: "Too Many Requests" }) };
        case "sts":
        case "ec2":
            return {
                status: 400,
                headers: { "content-type": "text/xml" },
                body: `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
            };
        default:
            return { status: 400, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }) };
    }
}

function accessDenied(service: string, region: string): ErrorShape {
    const message = `User: arn:aws:sts::123456789012:assumed-role/auditor/test is not authorized to perform this action in ${region} with an explicit deny in a service control policy`;
    switch (service) {
        case "lambda":
        case "apigateway":
            return { status: 403, headers: { "x-amzn-ErrorType": "AccessDeniedException", "content-type": "application/json" }, body: JSON.stringify({ Message: message, message }) };
        case "sts":
        case "ec2":
            return {
                status: 403,
                headers: { "content-type": "text/xml" },
                body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
            };
        default:
            return { status: 400, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ __type: "AccessDeniedException", message }) };
    }
}

const AUDIT_SERVICES = ["lambda", "logs", "apigateway", "tagging"];

export async function startFaultProxy(target: string, plan: FaultPlan): Promise<FaultProxy> {
    const upstream = new URL(target);
    const stats: ProxyStats = { forwarded: 0, throttled: 0, denied: 0, byScope: new Map() };
    const seen = new Set<string>();
    const share = plan.throttleShare ?? 0;
    const throttleServices = new Set(plan.throttleServices ?? AUDIT_SERVICES);

    const server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
            const body = Buffer.concat(chunks);
            const { service, region } = scopeOf(request.headers.authorization);
            const scope = `${service}:${region}`;
            stats.byScope.set(scope, (stats.byScope.get(scope) ?? 0) + 1);
            const answer = (shape: ErrorShape) => {
                response.writeHead(shape.status, { ...shape.headers, "x-amzn-RequestId": "fault-proxy" });
                response.end(shape.body);
            };
            if (plan.denyRegion && region === plan.denyRegion) {
                stats.denied++;
                return answer(accessDenied(service, region));
            }
            if (share > 0 && throttleServices.has(service)) {
                const identity = createHash("sha256").update(`${request.method} ${request.url}\n`).update(body).digest("hex");
                if (!seen.has(identity)) {
                    seen.add(identity);
                    if (Math.floor(seen.size * share) > Math.floor((seen.size - 1) * share)) {
                        stats.throttled++;
                        return answer(throttlingError(service));
                    }
                }
            }
            stats.forwarded++;
            const forward = http.request(
                { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: request.headers },
                (upstreamResponse) => {
                    response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
                    upstreamResponse.pipe(response);
                },
            );
            forward.on("error", (error) => {
                response.writeHead(502);
                response.end(String(error));
            });
            forward.end(body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        stats,
        stop: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
