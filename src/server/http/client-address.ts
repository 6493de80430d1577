import { clientAddress } from "./peer-address";

/**
 * The client's address for per-address limits: the same function as login throttling (the
 * connection's address, or with TRUST_PROXY=1 the hop the load balancer appended; never a value
 * the client wrote). TRUST_PROXY is read per call, not through ~/env, so importing this does not
 * freeze the environment before a test sets its own.
 */
export function requestAddress(req: Request): string {
  return clientAddress(req.headers, process.env.TRUST_PROXY === "1");
}
