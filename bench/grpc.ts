import * as path from "path";
import { AnalyzerClient } from "../engine/analyzer-client";
import { resolvePolicyConfig } from "../engine/policy-config";
import { analyzeResources } from "../engine/preview";
import { median, timeMs } from "./stats";
import { syntheticStack } from "./synthetic";

/** Analyze over the real Analyzer gRPC protocol against the project's pack. */
export interface GrpcResult {
    resources: number;
    concurrency: number;
    medianMs: number;
    msPerResource: number;
    diagnostics: number;
}

export async function benchGrpc(resourceCount = 1000, concurrencies = [1, 8, 32], runs = 3): Promise<GrpcResult[]> {
    const client = await AnalyzerClient.start(path.resolve(__dirname, "../policies"));
    try {
        const info = await client.getAnalyzerInfo();
        await client.configure(resolvePolicyConfig({}, info, "defaults"));
        const resources = syntheticStack(resourceCount);
        await analyzeResources(client, resources.slice(0, 50), 8, true);
        const results: GrpcResult[] = [];
        for (const concurrency of concurrencies) {
            let diagnostics = 0;
            const times: number[] = [];
            for (let run = 0; run < runs; run++) {
                times.push(
                    await timeMs(async () => {
                        diagnostics = (await analyzeResources(client, resources, concurrency, true)).length;
                    }),
                );
            }
            const medianMs = median(times);
            results.push({ resources: resources.length, concurrency, medianMs, msPerResource: medianMs / resources.length, diagnostics });
        }
        return results;
    } finally {
        client.close();
    }
}
