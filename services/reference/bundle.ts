import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";

/**
 * Bundles the reference handlers (front.ts, back.ts and what they import, Powertools and the
 * X-Ray SDK and the AWS SDK parts included) in memory, so that `pulumi up` needs no separate
 * build step and leaves no build output behind. Nothing is left to the runtime: which AWS SDK
 * packages a Lambda runtime ships, and in which version, is not something to depend on.
 */
export const REFERENCE_HANDLER_ENTRIES = ["front", "back"] as const;

export function bundleReferenceHandlers(): pulumi.asset.AssetArchive {
    const handlersDir = path.join(__dirname, "handlers");
    const result = buildSync({
        entryPoints: Object.fromEntries(REFERENCE_HANDLER_ENTRIES.map((entry) => [entry, path.join(handlersDir, `${entry}.ts`)])),
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        outdir: "/bundle",
        write: false,
        logLevel: "silent",
        // Deterministic output keeps the archive's hash, and so the deployment, stable.
        legalComments: "none",
    });
    const assets: Record<string, pulumi.asset.Asset> = {};
    for (const file of result.outputFiles) {
        assets[path.basename(file.path)] = new pulumi.asset.StringAsset(file.text);
    }
    return new pulumi.asset.AssetArchive(assets);
}
