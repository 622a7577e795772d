export * from "./log-archive";
