export * from "./reference";
export * from "./users";
export * from "./ollas";
export * from "./audit";
export * from "./settings";
