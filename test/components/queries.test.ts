import { strict as assert } from "assert";
import { QueryLibrary } from "../../components/queries/query-library";
import { SAVED_QUERIES } from "../../components/queries/saved-queries";
import { LOGS_INSIGHTS_QUERY_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";
import { insightsFieldReferences, isLogSchemaPath } from "./estate-assertions";

/** SPEC §4.8: the questions the library must answer, by query name. */
const REQUIRED_QUERIES = [
    "error-rate-by-service",
    "slowest-endpoints",
    "failed-authentication",
    "database-performance",
    "lambda-cold-starts",
    "latency-distribution",
    "top-api-consumers",
    "security-events",
    "log-volume-by-service",
    "user-activity-timeline",
    "trace-events",
    "correlation-events",
    "errors-by-type",
    "server-errors-by-route",
    "timeouts",
    "throttled-requests",
    "slow-database-queries",
];

describe("saved queries", () => {
    it("cover every question of the spec and at least three more", () => {
        const names = SAVED_QUERIES.map((q) => q.name);
        for (const required of REQUIRED_QUERIES) {
            assert.ok(names.includes(required), `missing ${required}`);
        }
        assert.ok(SAVED_QUERIES.length >= 20);
        assert.ok(SAVED_QUERIES.length >= REQUIRED_QUERIES.length + 3);
        assert.equal(new Set(names).size, names.length, "names are unique");
    });

    it("are non-empty, within the Logs Insights length limit and described", () => {
        for (const saved of SAVED_QUERIES) {
            assert.match(saved.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, saved.name);
            assert.ok(saved.query.trim().length > 0, saved.name);
            assert.ok(saved.query.length <= LOGS_INSIGHTS_QUERY_MAX_LENGTH, saved.name);
            assert.ok(saved.description.length > 0, saved.name);
            assert.match(saved.query, /^(fields|filter|stats) /, `${saved.name} starts with a command`);
        }
    });

    it("read only fields of the structured log schema", () => {
        for (const saved of SAVED_QUERIES) {
            const references = insightsFieldReferences(saved.query);
            assert.ok(references.length > 0, `${saved.name} reads no field`);
            for (const field of references) {
                assert.ok(isLogSchemaPath(field), `${saved.name} reads "${field}", which is not in the log schema`);
            }
        }
    });

    it("field check catches a field that is not in the schema", () => {
        const references = insightsFieldReferences(
            'filter performance.duration > 5 and level = "ERROR" | stats count(*) as n by service, bin(5m)',
        );
        assert.deepEqual(references, ["performance.duration", "level", "service"]);
        assert.ok(!isLogSchemaPath("performance.duration"));
    });

    it("mark the value to replace in the trace and correlation lookups", () => {
        const byName = new Map(SAVED_QUERIES.map((q) => [q.name, q.query]));
        assert.match(byName.get("trace-events") ?? "", /trace_id = "REPLACE_WITH_TRACE_ID"/);
        assert.match(byName.get("correlation-events") ?? "", /correlation_id = "REPLACE_WITH_CORRELATION_ID"/);
        assert.match(byName.get("slow-database-queries") ?? "", /performance\.db_time_ms > 2000/);
        assert.match(byName.get("latency-distribution") ?? "", /pct\(performance\.duration_ms, 99\)/);
    });
});

describe("QueryLibrary", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks();
    });

    it("saves every query in the environment folder over the given log groups", async () => {
        const groups = ["/app/dev/order", "/app/dev/user"];
        const library = new QueryLibrary("queries", { environment: "dev", logGroupNames: groups });
        await settle();
        const definitions = mocks.ofType("aws:cloudwatch/queryDefinition:QueryDefinition");
        assert.equal(definitions.length, SAVED_QUERIES.length);
        for (const definition of definitions) {
            assert.match(definition.inputs.name, /^observability\/dev\/[a-z0-9-]+$/);
            assert.deepEqual(definition.inputs.logGroupNames, groups);
        }
        const names = await resolve(library.queryNames);
        assert.ok(names.includes("observability/dev/trace-events"));
        assert.equal(new Set(names).size, names.length);
    });

    it("refuses duplicate names and over-long queries, naming each problem", () => {
        const tooLong = "fields level | " + "filter level = \"ERROR\" | ".repeat(500);
        assert.throws(
            () =>
                new QueryLibrary("bad", {
                    environment: "dev",
                    logGroupNames: [],
                    queries: [
                        { name: "twice", description: "a", query: "fields level" },
                        { name: "twice", description: "b", query: "fields level" },
                        { name: "long", description: "c", query: tooLong },
                    ],
                }),
            (error: Error) =>
                error.message.includes('"twice" is used twice') &&
                error.message.includes(`"long" is ${tooLong.length} characters long; at most 10000`),
        );
    });
});
