export * from "./reference";
export * from "./users";
export * from "./ollas";
export * from "./audit";
export * from "./settings";
export * from "./stock";
export * from "./needs";
export * from "./idempotency";
