import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AccountAlarms, ServiceAlarms } from "../../components/alarms";
import {
    DashboardBody,
    Dashboards,
    ExpressionRenderOptions,
    MetricRenderOptions,
    MetricRow,
    SizedWidget,
    Widget,
    layout,
    logWidgetQuery,
    onCallDashboardBody,
    recentErrorsQuery,
} from "../../components/dashboards";
import { serviceLogGroupName } from "../../components/naming";
import { EstateConfig, validateEstateConfig } from "../../config/load";
import { STACKS, stackFileValues } from "../config/builders";
import { MOCK_REGION, RecordedResource, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const CRITICAL = "arn:aws:sns:eu-west-1:123456789012:alerts-critical";
const WARNING = "arn:aws:sns:eu-west-1:123456789012:alerts-warning";

function estate(stack: (typeof STACKS)[number]): EstateConfig {
    return validateEstateConfig({ values: stackFileValues(stack) });
}

function metricWidgets(body: DashboardBody): Array<Extract<Widget, { type: "metric" }>> {
    return body.widgets.filter((w): w is Extract<Widget, { type: "metric" }> => w.type === "metric");
}

function options(row: MetricRow): MetricRenderOptions | ExpressionRenderOptions {
    return row[row.length - 1] as MetricRenderOptions | ExpressionRenderOptions;
}

function isExpression(row: MetricRow): boolean {
    return row.length === 1;
}

/** Checks the structure CloudWatch's dashboard body syntax requires of every widget. */
function assertValidBody(text: string): DashboardBody {
    const body = JSON.parse(text) as DashboardBody;
    assert.ok(Array.isArray(body.widgets) && body.widgets.length > 0 && body.widgets.length <= 500);
    for (const widget of body.widgets) {
        assert.ok(["metric", "log", "alarm", "text"].includes(widget.type), widget.type);
        for (const field of ["x", "y", "width", "height"] as const) {
            assert.ok(Number.isInteger(widget[field]) && widget[field] >= 0, `${field} of ${JSON.stringify(widget.properties)}`);
        }
        assert.ok(widget.width >= 1 && widget.x + widget.width <= 24, "widget leaves the 24-column grid");
        if (widget.type === "metric" || widget.type === "log") {
            assert.equal(widget.properties.region, MOCK_REGION);
        }
        if (widget.type === "metric") {
            const ids = new Set(widget.properties.metrics.map((row) => options(row).id));
            for (const row of widget.properties.metrics) {
                if (isExpression(row)) {
                    const expression = (row[0] as ExpressionRenderOptions).expression;
                    const identifiers = expression.match(/\b[a-z][a-z0-9_]*\b/g) ?? [];
                    for (const identifier of identifiers) {
                        assert.ok(ids.has(identifier), `"${expression}" refers to ${identifier}, not in the widget`);
                    }
                } else {
                    assert.ok(typeof row[0] === "string" && typeof row[1] === "string");
                    assert.equal((row.length - 3) % 2, 0, "dimensions come in name/value pairs");
                }
            }
        }
    }
    const overlaps = body.widgets.some((a, i) =>
        body.widgets.some((b, j) => i < j && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height),
    );
    assert.ok(!overlaps, "widgets overlap");
    return body;
}

describe("dashboard building blocks", () => {
    const text = (n: number): SizedWidget => ({ width: 8, height: 2, content: { type: "text", properties: { markdown: `${n}` } } });

    it("lays widgets out left to right on the 24-column grid, each group on a new row", () => {
        const body = layout([[text(1), text(2), text(3), text(4)], [text(5)]]);
        assert.deepEqual(
            body.widgets.map((w) => [w.x, w.y]),
            [[0, 0], [8, 0], [16, 0], [0, 2], [0, 4]],
        );
    });

    it("refuses more than 500 widgets", () => {
        assert.throws(() => layout([Array.from({ length: 501 }, (_, n) => text(n))]), /dashboard has 501 widgets; CloudWatch allows at most 500/);
    });

    it("builds the recent-errors query from the log schema's field names", () => {
        assert.equal(
            recentErrorsQuery(),
            'fields @timestamp, service, level, message, correlation_id, trace_id | filter level in ["ERROR","FATAL"] | sort @timestamp desc | limit 100',
        );
    });

    it("splits the alarm status over widgets of at most 100 alarms", () => {
        const config = estate("prod");
        const alarmArns = Array.from({ length: 230 }, (_, n) => `arn:aws:cloudwatch:${MOCK_REGION}:123456789012:alarm:a${n}`);
        const body = onCallDashboardBody({ region: MOCK_REGION, services: config.services, alarmArns, logGroupNames: ["/app/prod/order"] });
        const alarmWidgets = body.widgets.filter((w) => w.type === "alarm");
        assert.deepEqual(alarmWidgets.map((w) => (w.type === "alarm" ? w.properties.alarms.length : 0)), [100, 100, 30]);
        assert.deepEqual(alarmWidgets.flatMap((w) => (w.type === "alarm" ? w.properties.alarms : [])), alarmArns);
    });

    it("splits the recent errors of more log groups than one Logs Insights widget reads across widgets", () => {
        const groups = Array.from({ length: 101 }, (_, n) => `/app/prod/s${n}`);
        const body = onCallDashboardBody({ region: MOCK_REGION, services: [], alarmArns: [], logGroupNames: groups });
        const queries = body.widgets.filter((w) => w.type === "log").map((w) => (w.type === "log" ? w.properties.query : ""));
        const sources = queries.map((query) => [...query.matchAll(/SOURCE '([^']+)'/g)].map((m) => m[1]));
        assert.deepEqual(sources.map((s) => s.length), [50, 50, 1]);
        assert.deepEqual(sources.flat(), groups);
        assert.throws(() => logWidgetQuery(groups.slice(0, 51), recentErrorsQuery()), /would query 51 log groups; a Logs Insights widget needs 1 to 50/);
    });
});

for (const stack of STACKS) {
    describe(`Dashboards in ${stack}`, () => {
        const config = estate(stack);
        let dashboards: RecordedResource[];
        let alarmArns: string[];
        let alarmCount: number;

        before(async () => {
            const mocks = await useRecordingMocks(stack);
            const serviceAlarms = config.services.map(
                (service) =>
                    new ServiceAlarms(service.name, {
                        environment: stack,
                        service,
                        alarms: config.alarms,
                        criticalTopicArn: CRITICAL,
                        warningTopicArn: WARNING,
                    }),
            );
            const account = new AccountAlarms("account", {
                environment: stack,
                alarms: config.alarms,
                criticalTopicArn: CRITICAL,
                warningTopicArn: WARNING,
                runbookUrl: "https://runbooks.example.com/platform",
            });
            const allArns = pulumi
                .all([...serviceAlarms.map((s) => s.alarmArns), account.alarmArns])
                .apply((groups) => groups.flat());
            new Dashboards("dashboards", { environment: stack, region: MOCK_REGION, services: config.services, alarmArns: allArns });
            await settle();
            alarmArns = await resolve(allArns);
            alarmCount =
                mocks.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").length +
                mocks.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm").length;
            dashboards = mocks.ofType("aws:cloudwatch/dashboard:Dashboard");
        });

        const body = (name: string): DashboardBody => {
            const dashboard = dashboards.find((d) => d.inputs.dashboardName === `${stack}-${name}`);
            assert.ok(dashboard, `no dashboard ${stack}-${name}`);
            return assertValidBody(dashboard.inputs.dashboardBody);
        };

        it("declares an SLI and an on-call dashboard with valid bodies", () => {
            assert.deepEqual(dashboards.map((d) => d.inputs.dashboardName).sort(), [`${stack}-on-call`, `${stack}-sli`]);
            body("sli");
            body("on-call");
        });

        it("draws availability, p99 latency and error rate per service against the SLO", () => {
            const widgets = metricWidgets(body("sli"));
            assert.equal(widgets.length, 3 * config.services.length);
            for (const service of config.services) {
                const mine = widgets.filter((w) => w.properties.title.startsWith(`${service.name}: `));
                const [availability, latency, errorRate] = mine;
                assert.equal(availability.properties.title, `${service.name}: availability`);
                assert.deepEqual(availability.properties.annotations?.horizontal.map((a) => a.value), [service.slo.availabilityPercent]);
                assert.deepEqual(errorRate.properties.annotations?.horizontal.map((a) => a.value), [service.slo.errorRatePercent]);
                if (service.slo.latencyP99Ms === undefined) {
                    assert.equal(latency.properties.annotations, undefined);
                } else {
                    assert.deepEqual(latency.properties.annotations?.horizontal.map((a) => a.value), [service.slo.latencyP99Ms]);
                }
                const latencyMetric = service.kind === "api" ? "Latency" : "Duration";
                const latencyRows = latency.properties.metrics.filter((row) => row[1] === latencyMetric);
                assert.ok(latencyRows.length > 0 && latencyRows.every((row) => (options(row) as MetricRenderOptions).stat === "p99"));
                const visible = availability.properties.metrics.filter((row) => options(row).visible);
                assert.deepEqual(visible.map((row) => (row[0] as ExpressionRenderOptions).expression), [
                    "100 - IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
                ]);
            }
        });

        it("shows the status of exactly the alarms the stack declares", () => {
            const listed = body("on-call").widgets.flatMap((w) => (w.type === "alarm" ? w.properties.alarms : []));
            assert.equal(alarmArns.length, alarmCount);
            assert.deepEqual([...listed].sort(), [...alarmArns].sort());
        });

        it("lists the last 100 errors across exactly the service log groups", () => {
            const logs = body("on-call").widgets.filter((w) => w.type === "log");
            assert.equal(logs.length, 1);
            const [widget] = logs;
            assert.ok(widget.type === "log");
            const sources = [...widget.properties.query.matchAll(/SOURCE '([^']+)'/g)].map((m) => m[1]);
            assert.deepEqual(sources, config.services.map((s) => serviceLogGroupName(stack, s.name)));
            assert.ok(widget.properties.query.endsWith(` | ${recentErrorsQuery()}`));
        });

        it("graphs p50, p95 and p99 latency for every service", () => {
            const widgets = metricWidgets(body("on-call"));
            assert.equal(widgets.length, config.services.length);
            for (const [index, service] of config.services.entries()) {
                const stats = widgets[index].properties.metrics.map((row) => (options(row) as MetricRenderOptions).stat);
                assert.deepEqual(stats, ["p50", "p95", "p99"]);
                assert.ok(widgets[index].properties.title.startsWith(service.name));
            }
        });
    });
}
