export * from "./filter-patterns";
export * from "./service-log-groups";
