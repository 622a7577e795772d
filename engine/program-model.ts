/**
 * The shapes that cross the boundary between the program runner (parent process) and the
 * program host (child process), and that the preview, its reports and the tests consume.
 */

/** Resource options as the engine forwards them to analyzers. */
export interface RegisteredResourceOptions {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    additionalSecretOutputs: string[];
}

/** One resource registration, as the engine sees it during `pulumi preview`. */
export interface RegisteredResource {
    urn: string;
    /** Type token, e.g. `aws:lambda/function:Function` or `observability:logs:ServiceLogGroups`. */
    type: string;
    /** Logical (Pulumi) name. */
    name: string;
    /** URN of the parent, or null for the stack itself. */
    parent: string | null;
    /** False for component resources. */
    custom: boolean;
    provider: string | null;
    dependencies: string[];
    /**
     * Resolved inputs in Pulumi's wire form (secrets and unknowns keep their signature markers),
     * so that analyzers receive exactly what the engine would send them.
     */
    properties: Record<string, unknown>;
    options: RegisteredResourceOptions;
}

/** A program and one stack's config, read once and shared by the program run and the pack. */
export interface LoadedProgram {
    programDir: string;
    project: string;
    stack: string;
    /** Entry file relative to the program directory. */
    main: string;
    /** Fully qualified config keys (`namespace:key`) to string values, as the engine passes them. */
    config: Record<string, string>;
    secretKeys: string[];
    region: string;
}

export interface HostRequest extends LoadedProgram {
    accountId: string;
    resultFile: string;
}

export interface HostResult {
    resources: RegisteredResource[];
}

/** The marker Pulumi's wire format uses for special values (secrets, assets, resource refs). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The string the engine sends for a value that is not known yet during preview. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
