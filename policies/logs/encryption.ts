import { describeValue } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

export const logGroupEncryptionPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.logGroupEncryption,
    description:
        "CloudWatch log groups should be encrypted with a customer-managed KMS key (kmsKeyId set), so that access to log data can be controlled and audited through the key policy. Advisory by default. Equivalent control: Checkov CKV_AWS_158.",
    enforcementLevel: "advisory",
    severity: "medium",
    controls: ["CKV_AWS_158"],
    fix: "Set kmsKeyId to the ARN of a KMS key whose key policy allows logs.<region>.amazonaws.com with the kms:EncryptionContext:aws:logs:arn condition.",
    resourceTypes: [RESOURCE_TYPES.logGroup],
    settings: [],
    check(resource) {
        const key = readPath(resource.props, "kmsKeyId");
        if (key === UNKNOWN || (typeof key === "string" && key.trim() !== "")) {
            return [];
        }
        return [
            {
                problem: "log data is not encrypted with a customer-managed KMS key",
                found: `kmsKeyId ${describeValue(key)}`,
                fix: "set kmsKeyId to a KMS key ARN that CloudWatch Logs may use",
            },
        ];
    },
};
