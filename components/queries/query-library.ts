import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "../../config/types";
import { LOGS_INSIGHTS_QUERY_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { childName, queryFolder } from "../naming";
import { SAVED_QUERIES, SavedQuery } from "./saved-queries";

export interface QueryLibraryArgs {
    environment: Environment;
    /** The log groups every query runs over (the service log groups). */
    logGroupNames: pulumi.Input<pulumi.Input<string>[]>;
    /** Default `SAVED_QUERIES`. */
    queries?: readonly SavedQuery[];
}

/** Saved Logs Insights queries in the environment's folder (`observability/<environment>/`). */
export class QueryLibrary extends pulumi.ComponentResource {
    /** Full query definition names, `<folder>/<query name>`. */
    public readonly queryNames: pulumi.Output<string[]>;

    constructor(name: string, args: QueryLibraryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:queries:QueryLibrary", name, {}, opts);
        const queries = args.queries ?? SAVED_QUERIES;
        assertValidQueries(queries);

        const definitions = queries.map(
            (saved) =>
                new aws.cloudwatch.QueryDefinition(
                    childName(name, saved.name),
                    {
                        // The console shows the part before the last "/" as the folder.
                        name: `${queryFolder(args.environment)}/${saved.name}`,
                        queryString: saved.query,
                        logGroupNames: args.logGroupNames,
                    },
                    { parent: this },
                ),
        );

        this.queryNames = pulumi.all(definitions.map((definition) => definition.name));
        this.registerOutputs({ queryNames: this.queryNames });
    }
}

/** Rejects what CloudWatch would reject, before anything is declared. */
function assertValidQueries(queries: readonly SavedQuery[]): void {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const saved of queries) {
        if (seen.has(saved.name)) {
            problems.push(`query name "${saved.name}" is used twice; names must be unique`);
        }
        seen.add(saved.name);
        if (saved.query.trim() === "") {
            problems.push(`query "${saved.name}" is empty`);
        }
        if (saved.query.length > LOGS_INSIGHTS_QUERY_MAX_LENGTH) {
            problems.push(
                `query "${saved.name}" is ${saved.query.length} characters long; at most ${LOGS_INSIGHTS_QUERY_MAX_LENGTH} are allowed`,
            );
        }
    }
    if (problems.length > 0) {
        throw new Error(`Invalid saved queries:\n- ${problems.join("\n- ")}`);
    }
}
