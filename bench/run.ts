/**
 * `npm run bench`: every performance figure of BENCHMARKS.md, as Markdown tables on stdout.
 * Measurements only: nothing here asserts a timing (targets are judged in BENCHMARKS.md).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { benchGrpc } from "./grpc";
import { benchPolicyPack } from "./policy-pack";
import { benchPreview } from "./preview";

function table(header: string[], rows: (string | number)[][]): string {
    return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

async function main(): Promise<void> {
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    console.log(`# Benchmarks — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);

    console.log("## Policy pack in process (every resource policy per resource, stack policies once; median of 7 runs)\n");
    const pack = await benchPolicyPack();
    console.log(
        table(
            ["resources", "median (ms)", "µs per resource", "violations"],
            pack.map((r) => [r.resources, r.medianMs.toFixed(1), r.microsecondsPerResource.toFixed(2), r.violations]),
        ),
    );

    console.log("\n## Analyze over the Analyzer gRPC protocol (Remediate + Analyze per resource, AnalyzeStack once; median of 3 runs)\n");
    const grpc = await benchGrpc();
    console.log(
        table(
            ["resources", "calls in flight", "median (ms)", "ms per resource"],
            grpc.map((r) => [r.resources, r.concurrency, r.medianMs.toFixed(0), r.msPerResource.toFixed(3)]),
        ),
    );

    console.log("\n## Offline preview end to end (program under mocks + pack over gRPC), dev settings\n");
    const previews = await benchPreview();
    console.log(
        table(
            ["services", "resources", "wall (s)", "program (s)", "policies (s)", "mandatory violations"],
            previews.map((r) => [r.services, r.resources, (r.wallMs / 1000).toFixed(1), (r.programMs / 1000).toFixed(1), (r.policiesMs / 1000).toFixed(1), r.mandatory]),
        ),
    );

    console.log("\n## Auditor against the emulator\n");
    const auditor = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(__dirname, "auditor.ts")], {
        stdio: ["ignore", "inherit", "inherit"],
    });
    if (auditor.status !== 0) {
        process.exitCode = auditor.status ?? 1;
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
});
