import { strict as assert } from "assert";
import { autoName } from "../../engine/mock-outputs";
import * as pulumi from "@pulumi/pulumi";
import { AlertRouting, AlertRoutingArgs, PolicyDocument, alertTopicPolicy } from "../../components/alerting";
import { AlertingConfig } from "../../config/types";
import { MOCK_ACCOUNT_ID, MOCK_REGION, RecordedResource, RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/alerts";
const PAGERDUTY_URL = "https://events.pagerduty.com/integration/abc123secretkey/enqueue";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const EMAILS = ["oncall@example.com", "platform-team@example.com"];
const SLACK = { workspaceId: "T0123ABCD", channelId: "C0123ABCD" };

function args(alerting: AlertingConfig): AlertRoutingArgs {
    return { environment: "prod", alerting, kmsKeyArn: KEY_ARN, accountId: MOCK_ACCOUNT_ID, region: MOCK_REGION };
}

async function declareRouting(alerting: AlertingConfig): Promise<{ mocks: RecordingMocks; routing: AlertRouting }> {
    const mocks = await useRecordingMocks("prod");
    const routing = new AlertRouting("alerts", args(alerting));
    await settle();
    return { mocks, routing };
}

const topicArn = (severity: string) => `arn:aws:sns:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:prod-alerts-${severity}`;

function subscriptions(mocks: RecordingMocks, protocol?: string): RecordedResource[] {
    return mocks.ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => protocol === undefined || s.inputs.protocol === protocol);
}

/** Everything the mock engine holds for the stack: resource states and registered component outputs. */
function registeredStates(): Array<{ urn: string; state: unknown }> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings: { getMonitor(): unknown } = require("@pulumi/pulumi/runtime/settings");
    const monitor = settings.getMonitor() as { resources: Map<string, { urn: string; state: { toJavaScript?: () => unknown } }> };
    return [...monitor.resources.values()].map(({ urn, state }) => ({
        urn,
        state: typeof state?.toJavaScript === "function" ? state.toJavaScript() : state,
    }));
}

describe("alert topic policy", () => {
    const policy: PolicyDocument = alertTopicPolicy({
        topicArn: topicArn("critical"),
        accountId: MOCK_ACCOUNT_ID,
        region: MOCK_REGION,
        partition: "aws",
    });

    it("lets only CloudWatch alarms of this account publish", () => {
        const publishers = policy.Statement.filter(
            (s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action).some((a) => a === "sns:Publish" || a === "sns:*"),
        );
        assert.equal(publishers.length, 1);
        const [publish] = publishers;
        assert.deepEqual(publish.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.equal(publish.Resource, topicArn("critical"));
        assert.deepEqual(publish.Condition, {
            StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
            ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${MOCK_REGION}:${MOCK_ACCOUNT_ID}:alarm:*` },
        });
    });

    it("scopes every statement to the topic and never allows an unconditioned wildcard principal", () => {
        for (const statement of policy.Statement) {
            assert.equal(statement.Resource, topicArn("critical"));
            if (statement.Principal === "*") {
                assert.equal(statement.Effect, "Deny");
                assert.ok(statement.Condition !== undefined);
            }
        }
        const admin = policy.Statement.find((s) => s.Sid === "AllowAccountToAdministerTopic");
        assert.deepEqual(admin?.Principal, { AWS: `arn:aws:iam::${MOCK_ACCOUNT_ID}:root` });
        assert.ok(!([] as string[]).concat(admin?.Action ?? []).includes("sns:Publish"));
    });
});

describe("AlertRouting with every subscriber configured", () => {
    let mocks: RecordingMocks;
    let routing: AlertRouting;
    before(async () => {
        ({ mocks, routing } = await declareRouting({
            emails: EMAILS,
            pagerDutyEventsUrl: pulumi.secret(PAGERDUTY_URL),
            slack: SLACK,
        }));
    });

    it("creates a critical and a warning topic encrypted with the estate's key", () => {
        const topics = mocks.ofType("aws:sns/topic:Topic");
        assert.deepEqual(topics.map((t) => t.inputs.name).sort(), ["prod-alerts-critical", "prod-alerts-warning"]);
        for (const topic of topics) {
            assert.equal(topic.inputs.kmsMasterKeyId, KEY_ARN);
        }
    });

    it("attaches one policy per topic that only this account's CloudWatch may publish under", () => {
        const policies = mocks.ofType("aws:sns/topicPolicy:TopicPolicy");
        assert.deepEqual(policies.map((p) => p.inputs.arn).sort(), [topicArn("critical"), topicArn("warning")]);
        for (const policy of policies) {
            const document = JSON.parse(policy.inputs.policy) as PolicyDocument;
            assert.deepEqual(document, alertTopicPolicy({ topicArn: policy.inputs.arn, accountId: MOCK_ACCOUNT_ID, region: MOCK_REGION, partition: "aws" }));
        }
    });

    it("subscribes every e-mail address to both topics", () => {
        const email = subscriptions(mocks, "email");
        assert.deepEqual(
            email.map((s) => `${s.inputs.topic} ${s.inputs.endpoint}`).sort(),
            [topicArn("critical"), topicArn("warning")].flatMap((arn) => EMAILS.map((e) => `${arn} ${e}`)).sort(),
        );
    });

    it("pages PagerDuty over HTTPS from the critical topic only, with the URL kept secret", () => {
        const https = subscriptions(mocks, "https");
        assert.equal(https.length, 1);
        const [pagerDuty] = https;
        assert.equal(pagerDuty.inputs.topic, topicArn("critical"));
        assert.equal(pagerDuty.inputs.endpointAutoConfirms, true);
        assert.deepEqual(pagerDuty.inputs.endpoint, { [SECRET_SIG_KEY]: SECRET_SIG, value: PAGERDUTY_URL });
    });

    it("never exposes the PagerDuty URL in an output or another resource", async () => {
        const outputs = await resolve(pulumi.all([routing.criticalTopicArn, routing.warningTopicArn, routing.topicArns, routing.slackChannelConfigurationArn]));
        assert.ok(!JSON.stringify(outputs).includes("abc123secretkey"));
        const states = registeredStates();
        assert.ok(states.some(({ urn }) => urn.endsWith("::alerts")), "the component's registered outputs are inspected");
        for (const { urn, state } of states) {
            const text = JSON.stringify(state);
            if (urn.endsWith("::alerts-critical-pagerduty")) {
                assert.ok(text.includes(SECRET_SIG), "the subscription keeps the endpoint as a secret");
                continue;
            }
            assert.ok(!text.includes("abc123secretkey"), `${urn} exposes the PagerDuty URL`);
        }
    });

    it("relays both topics to Slack through AWS Chatbot with a read-only role and guardrail", () => {
        const [channel] = mocks.ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
        assert.equal(channel.inputs.configurationName, "prod-alerts-slack");
        assert.equal(channel.inputs.slackTeamId, SLACK.workspaceId);
        assert.equal(channel.inputs.slackChannelId, SLACK.channelId);
        assert.deepEqual(channel.inputs.snsTopicArns, [topicArn("critical"), topicArn("warning")]);
        assert.deepEqual(channel.inputs.guardrailPolicyArns, ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]);
        const [role] = mocks.ofType("aws:iam/role:Role");
        assert.equal(channel.inputs.iamRoleArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${autoName(role.name)}`);
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
            { Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const attachments = mocks.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(attachments.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]);
        assert.equal(mocks.ofType("aws:iam/rolePolicy:RolePolicy").length, 0);
    });

    it("exports both topic ARNs", async () => {
        assert.equal(await resolve(routing.criticalTopicArn), topicArn("critical"));
        assert.equal(await resolve(routing.warningTopicArn), topicArn("warning"));
    });
});

describe("AlertRouting with nothing but topics configured", () => {
    it("creates no subscriber that was not asked for", async () => {
        const { mocks, routing } = await declareRouting({ emails: [] });
        assert.equal(mocks.ofType("aws:sns/topic:Topic").length, 2);
        assert.equal(mocks.ofType("aws:sns/topicPolicy:TopicPolicy").length, 2);
        assert.equal(subscriptions(mocks).length, 0);
        assert.equal(mocks.ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").length, 0);
        assert.equal(mocks.ofType("aws:iam/role:Role").length, 0);
        assert.equal(await resolve(routing.slackChannelConfigurationArn), undefined);
    });

    it("keeps the PagerDuty URL secret even when handed over in plain text", async () => {
        const { mocks } = await declareRouting({ emails: ["oncall@example.com"], pagerDutyEventsUrl: pulumi.output(PAGERDUTY_URL) });
        assert.equal(subscriptions(mocks, "email").length, 2);
        const [pagerDuty] = subscriptions(mocks, "https");
        assert.deepEqual(pagerDuty.inputs.endpoint, { [SECRET_SIG_KEY]: SECRET_SIG, value: PAGERDUTY_URL });
        assert.equal(mocks.ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").length, 0);
    });
});
