import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptedLogGroupArgs {
    name: pulumi.Input<string>;
    retentionInDays: number;
    kmsKeyArn: pulumi.Input<string>;
    tags?: Record<string, string>;
}

/**
 * A log group declared before the service that writes to it, so that the service never creates
 * its own with no retention and no encryption.
 */
export function encryptedLogGroup(resourceName: string, args: EncryptedLogGroupArgs, parent: pulumi.Resource): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        resourceName,
        { name: args.name, retentionInDays: args.retentionInDays, kmsKeyId: args.kmsKeyArn, tags: args.tags },
        { parent },
    );
}
