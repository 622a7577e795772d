import { fromEnv } from "@aws-sdk/credential-providers";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";
import { Hash, Hmac, createHash, createHmac } from "crypto";

/** SHA-256 (or HMAC-SHA-256 with a secret) over Node's crypto, in the shape the signer expects. */
class NodeSha256 implements Checksum {
    private hash: Hash | Hmac;

    constructor(private readonly secret?: SourceData) {
        this.hash = this.fresh();
    }

    update(data: Uint8Array): void {
        this.hash.update(data);
    }

    async digest(): Promise<Uint8Array> {
        return new Uint8Array(this.hash.digest());
    }

    reset(): void {
        this.hash = this.fresh();
    }

    private fresh(): Hash | Hmac {
        if (this.secret === undefined) {
            return createHash("sha256");
        }
        const key = typeof this.secret === "string" ? this.secret : Buffer.from(this.secret as ArrayBuffer);
        return createHmac("sha256", key);
    }
}

/**
 * SigV4 headers for a GET on an API Gateway route with `AWS_IAM` authorization, signed with the
 * function's own role credentials (which Lambda puts in the environment). Only the host, date
 * and token are signed, so the propagation headers can be added afterwards.
 */
export async function executeApiAuthorization(url: URL, region: string): Promise<Record<string, string>> {
    const signer = new SignatureV4({ service: "execute-api", region, credentials: fromEnv(), sha256: NodeSha256 });
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => {
        query[key] = value;
    });
    const signed = await signer.sign({
        method: "GET",
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port === "" ? undefined : Number(url.port),
        path: url.pathname,
        query,
        headers: { host: url.host },
    });
    return Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== "host"));
}
