// Tests run server code directly; the "server-only" guard is for bundles, not for Node.
export {};
