import { RESOURCE_TYPES } from "../lib/names";
import type { StackResourceView } from "../lib/policy";
import { UNKNOWN, readString } from "../lib/unknowns";

/** `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders:*` → `/aws/lambda/orders`. */
export function logGroupNameFromArn(arn: string): string | undefined {
    const marker = ":log-group:";
    const start = arn.indexOf(marker);
    if (!arn.startsWith("arn:") || start < 0) {
        return undefined;
    }
    const name = arn.slice(start + marker.length);
    return name.endsWith(":*") ? name.slice(0, -2) : name;
}

/**
 * Lookups over the stack view that the stack policies share: log groups by name and ARN, and
 * resources by URN for following property dependencies (how a value computed from another
 * resource's output is linked to it while the value itself is still unknown).
 */
export class StackIndex {
    readonly logGroups: StackResourceView[] = [];
    /** True when some log group's name is unknown or absent: a name lookup miss then proves nothing. */
    readonly hasUnnamedLogGroup: boolean;
    private readonly byUrn = new Map<string, StackResourceView>();
    private readonly logGroupsByName = new Map<string, StackResourceView>();
    private readonly logGroupsByArn = new Map<string, StackResourceView>();

    constructor(readonly resources: readonly StackResourceView[]) {
        let unnamed = false;
        for (const resource of resources) {
            if (resource.urn) {
                this.byUrn.set(resource.urn, resource);
            }
            if (resource.type !== RESOURCE_TYPES.logGroup) {
                continue;
            }
            this.logGroups.push(resource);
            const name = readString(resource.props, "name");
            if (typeof name === "string") {
                this.logGroupsByName.set(name, resource);
            } else {
                unnamed = true;
            }
            const arn = readString(resource.props, "arn");
            if (typeof arn === "string") {
                this.logGroupsByArn.set(arn.endsWith(":*") ? arn.slice(0, -2) : arn, resource);
            }
        }
        this.hasUnnamedLogGroup = unnamed;
    }

    ofType(type: string): StackResourceView[] {
        return this.resources.filter((resource) => resource.type === type);
    }

    logGroupNamed(name: string): StackResourceView | undefined {
        return this.logGroupsByName.get(name);
    }

    logGroupWithArn(arn: string): StackResourceView | undefined {
        const bare = arn.endsWith(":*") ? arn.slice(0, -2) : arn;
        const byArn = this.logGroupsByArn.get(bare);
        if (byArn) {
            return byArn;
        }
        const name = logGroupNameFromArn(arn);
        return name === undefined ? undefined : this.logGroupNamed(name);
    }

    /** Resources of `type` that `resource`'s `property` was computed from. */
    dependenciesOf(resource: StackResourceView, property: string, type: string): StackResourceView[] {
        const dependencies = resource.propertyDependencies?.[property] ?? [];
        const result: StackResourceView[] = [];
        for (const dependency of dependencies) {
            const found = this.byUrn.get(dependency.urn);
            if (found && found.type === type) {
                result.push(found);
            }
        }
        return result;
    }

    /** Whether `resource`'s `property` was computed from the resource with `urn`. */
    dependsOn(resource: StackResourceView, property: string, urn: string | undefined): boolean {
        return urn !== undefined && (resource.propertyDependencies?.[property] ?? []).some((dependency) => dependency.urn === urn);
    }
}

/** A string property, or UNKNOWN, or undefined when absent or empty. */
export function knownString(resource: StackResourceView, ...path: string[]): string | typeof UNKNOWN | undefined {
    const value = readString(resource.props, ...path);
    return value === "" ? undefined : value;
}
