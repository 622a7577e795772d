export * from "./query-library";
export * from "./saved-queries";
