import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { preview } from "../engine/preview";
import { timeMs } from "./stats";

/**
 * The offline preview end to end (program under mocks + pack over gRPC) on the project's own
 * program with N services, through a temporary stack file written beside the real ones.
 */
const PROJECT_DIR = path.resolve(__dirname, "..");

export interface PreviewBenchResult {
    services: number;
    resources: number;
    wallMs: number;
    programMs: number;
    policiesMs: number;
    mandatory: number;
}

function stackFileFor(services: number): Record<string, unknown> {
    const dev = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    const template = (dev.config["observability:services"] as Record<string, unknown>[])[0];
    const generated = Array.from({ length: services }, (_, i) => ({
        ...template,
        name: `svc${i}`,
        runbookUrl: `https://runbooks.example.com/services/svc${i}`,
        dynamodbTables: [`dev-svc${i}-table`],
        deadLetterQueues: [`dev-svc${i}-dlq`],
    }));
    return { config: { ...dev.config, "observability:services": generated } };
}

export async function benchPreview(serviceCounts = [10, 50, 100]): Promise<PreviewBenchResult[]> {
    const results: PreviewBenchResult[] = [];
    for (const services of serviceCounts) {
        const stack = `bench-${services}`;
        const file = path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`);
        fs.writeFileSync(file, YAML.stringify(stackFileFor(services)));
        try {
            let result: Awaited<ReturnType<typeof preview>> | undefined;
            const wallMs = await timeMs(async () => {
                result = await preview({
                    programDir: PROJECT_DIR,
                    stack,
                    policyPackDir: path.join(PROJECT_DIR, "policies"),
                    policyConfigFile: path.join(PROJECT_DIR, "policies", "config", "dev.json"),
                });
            });
            if (!result) throw new Error("preview returned nothing");
            results.push({
                services,
                resources: result.report.summary.resources,
                wallMs,
                programMs: result.timings.programMs,
                policiesMs: result.timings.policiesMs,
                mandatory: result.report.summary.mandatory,
            });
        } finally {
            fs.rmSync(file, { force: true });
        }
    }
    return results;
}
