export * from "./encryption-key";
export * from "./policy";
