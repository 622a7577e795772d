import type { PreviewResult, PreviewViolation } from "../preview";

/**
 * Human report: the plan as a tree of components with the resources they declare (counted by
 * type), then every policy result with its message (which carries the fix), then a summary.
 */

const LEVEL_ORDER = ["mandatory", "remediate", "advisory", "disabled"] as const;

function countByType(types: string[]): string {
    const counts = new Map<string, number>();
    for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
    return [...counts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, n]) => (n > 1 ? `${type} ×${n}` : type))
        .join(", ");
}

export function renderText(result: PreviewResult): string {
    const { report, pack, policyConfigFile, timings } = result;
    const lines: string[] = [];
    lines.push(`Previewing stack "${report.stack}" of ${report.program} (offline, under mocks)`);
    lines.push(
        `Policy pack ${pack.name}@${pack.version}${policyConfigFile ? ` with config ${policyConfigFile}` : " with its default config"}`,
    );
    lines.push("");
    lines.push(`Plan: ${report.summary.resources} resources to create`);

    const children = new Map<string | null, typeof result.run.resources>();
    for (const r of result.run.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const walk = (parent: string | null, depth: number): void => {
        const kids = children.get(parent) ?? [];
        const components = kids.filter((k) => !k.custom);
        const leaves = kids.filter((k) => k.custom);
        const indent = "  ".repeat(depth);
        if (leaves.length > 0) {
            lines.push(`${indent}${leaves.length} resource${leaves.length > 1 ? "s" : ""}: ${countByType(leaves.map((l) => l.type))}`);
        }
        for (const component of components) {
            lines.push(`${indent}+ ${component.type} "${component.name}"`);
            walk(component.urn, depth + 1);
        }
    };
    walk(null, 1);

    lines.push("");
    if (report.violations.length === 0) {
        lines.push(`Policies: all ${pack.policies.length} policies passed`);
    } else {
        lines.push("Policy results:");
        const byLevel = (level: string): PreviewViolation[] => report.violations.filter((v) => v.enforcementLevel === level);
        for (const level of LEVEL_ORDER) {
            const violations = byLevel(level);
            if (violations.length === 0) continue;
            lines.push(`  ${level} (${violations.length}):`);
            for (const v of violations) {
                lines.push(`    [${v.policy}] ${v.type} "${v.name}"`);
                for (const messageLine of v.message.split("\n")) {
                    lines.push(`        ${messageLine}`);
                }
            }
        }
    }
    lines.push("");
    lines.push(
        `Summary: ${report.summary.resources} resources, ${report.summary.mandatory} mandatory and ${report.summary.advisory} advisory violations` +
            ` (program ${(timings.programMs / 1000).toFixed(1)} s, policies ${(timings.policiesMs / 1000).toFixed(1)} s)`,
    );
    return lines.join("\n") + "\n";
}
