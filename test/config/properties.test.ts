import { strict as assert } from "assert";
import * as fc from "fast-check";
import { ENVIRONMENTS, SERVICE_KINDS } from "../../config/load";
import { CLOUDWATCH_RETENTION_DAYS } from "../../policies/rules/cloudwatch";
import { problemsOf, rawConfig, service } from "./builders";

const accepted = CLOUDWATCH_RETENTION_DAYS as readonly number[];

/** The keys of the problems a config has (empty when valid). */
function problemKeys(values: Record<string, unknown>): string[] {
    return problemsOf(rawConfig(values)).map((p) => p.key);
}

// Upper bounds of -Number.MIN_VALUE because fast-check orders -0 below 0, yet -0 is a valid 0.
const outsideUnitInterval = fc.oneof(
    fc.double({ min: 1, minExcluded: true }),
    fc.double({ max: -Number.MIN_VALUE }),
    fc.constant(Number.NaN),
);
const insideUnitInterval = fc.double({ min: 0, max: 1, noNaN: true });
const negative = fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true }), fc.integer({ max: -1 }));
const nonNumeric = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.dictionary(fc.string(), fc.integer()));

const NUMERIC_ALARM_SETTINGS = [
    "errorRatePercent",
    "latencyP95Ms",
    "concurrencyPercent",
    "accountConcurrencyLimit",
    "trafficSpikePercent",
    "trafficSpikeMinimumRequests",
    "periodSeconds",
    "evaluationPeriods",
    "datapointsToAlarm",
];

describe("config validation properties", () => {
    it("accepts exactly the retentions CloudWatch accepts from the dev minimum of 7 on (dev application logs)", () => {
        fc.assert(
            fc.property(fc.oneof(fc.integer({ min: -100, max: 4000 }), fc.constantFrom(...accepted)), (days) => {
                const keys = problemKeys({ environment: "dev", retentionDays: { application: days } });
                assert.deepEqual(keys, accepted.includes(days) && days >= 7 ? [] : ["observability:retentionDays.application"]);
            }),
        );
    });

    it("accepts a prod retention only if CloudWatch accepts it and it is at least 365", () => {
        fc.assert(
            fc.property(fc.constantFrom(...accepted), (days) => {
                const keys = problemKeys({ retentionDays: { access: days } });
                assert.deepEqual(keys, days >= 365 ? [] : ["observability:retentionDays.access"]);
            }),
        );
    });

    it("rejects any default or service sampling rate outside 0..1 and accepts any inside", () => {
        fc.assert(
            fc.property(outsideUnitInterval, insideUnitInterval, (bad, good) => {
                assert.deepEqual(problemKeys({ tracing: { samplingRate: bad } }), ["observability:tracing.samplingRate"]);
                assert.deepEqual(problemKeys({ services: [service({ samplingRate: bad })] }), ["observability:services[0].samplingRate"]);
                assert.deepEqual(problemKeys({ tracing: { samplingRate: good }, services: [service({ samplingRate: good })] }), []);
            }),
        );
    });

    it("rejects any environment outside dev/staging/prod", () => {
        fc.assert(
            fc.property(fc.string().filter((text) => !(ENVIRONMENTS as readonly string[]).includes(text)), (environment) => {
                assert.deepEqual(problemKeys({ environment }), ["observability:environment"]);
            }),
        );
    });

    it("rejects any service kind outside lambda/api", () => {
        fc.assert(
            fc.property(fc.string().filter((text) => !(SERVICE_KINDS as readonly string[]).includes(text)), (kind) => {
                assert.deepEqual(problemKeys({ services: [service({ kind })] }), ["observability:services[0].kind"]);
            }),
        );
    });

    it("rejects a negative value for every numeric alarm threshold", () => {
        fc.assert(
            fc.property(fc.constantFrom(...NUMERIC_ALARM_SETTINGS), negative, (setting, value) => {
                assert.deepEqual(problemKeys({ alarms: { [setting]: value } }), [`observability:alarms.${setting}`]);
            }),
        );
    });

    it("rejects a non-numeric value for every numeric alarm threshold, naming the type expected", () => {
        fc.assert(
            fc.property(fc.constantFrom(...NUMERIC_ALARM_SETTINGS), nonNumeric, (setting, value) => {
                const problems = problemsOf(rawConfig({ alarms: { [setting]: value } }));
                assert.deepEqual(problems.map((p) => p.key), [`observability:alarms.${setting}`]);
                assert.match(problems[0].message, /wrong type: .*allowed: an? (integer|finite number)/);
            }),
        );
    });

    it("accepts an alarm window exactly when it fits CloudWatch and the estate's limits", () => {
        const period = fc.oneof(fc.constantFrom(10, 30), fc.integer({ min: 1, max: 60 }).map((minutes) => minutes * 60));
        fc.assert(
            fc.property(period, fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 40 }), (periodSeconds, evaluationPeriods, datapointsToAlarm) => {
                const valid =
                    datapointsToAlarm <= evaluationPeriods && periodSeconds * datapointsToAlarm <= 300 && periodSeconds * evaluationPeriods <= 86_400;
                const keys = problemKeys({ alarms: { periodSeconds, evaluationPeriods, datapointsToAlarm } });
                assert.equal(keys.length === 0, valid, `period ${periodSeconds}, evaluation ${evaluationPeriods}, datapoints ${datapointsToAlarm}: ${keys}`);
            }),
        );
    });

    it("accepts well-formed short service names and rejects names with other characters", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,20}[a-z0-9])?$/), (name) => {
                assert.deepEqual(problemKeys({ services: [service({ name })] }), []);
            }),
        );
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z]{1,5}[A-Z_. /:]+[a-z]{1,5}$/), (name) => {
                assert.deepEqual(problemKeys({ services: [service({ name })] }), ["observability:services[0].name"]);
            }),
        );
    });
});
