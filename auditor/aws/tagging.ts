import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";

/**
 * The one call the auditor makes to the Resource Groups Tagging API: `GetResources`, once per
 * region (paged), returning the tags of every tagged Lambda function and log group, so that
 * waiver tags are read without a per-resource `ListTags` call.
 */

const RESOURCES_PER_PAGE = 100;

export interface TaggedResource {
    arn: string;
    tags: Record<string, string>;
}

/** Every tagged resource of the given types (`lambda`, `logs`, or `service:type`). */
export async function tagsOf(client: ResourceGroupsTaggingAPIClient, resourceTypes: readonly string[]): Promise<TaggedResource[]> {
    const result: TaggedResource[] = [];
    for await (const page of paginateGetResources({ client, pageSize: RESOURCES_PER_PAGE }, { ResourceTypeFilters: [...resourceTypes] })) {
        for (const mapping of page.ResourceTagMappingList ?? []) {
            if (!mapping.ResourceARN) continue;
            const tags: Record<string, string> = {};
            for (const tag of mapping.Tags ?? []) {
                if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
            }
            result.push({ arn: mapping.ResourceARN, tags });
        }
    }
    return result;
}
