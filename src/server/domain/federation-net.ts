/**
 * Which network addresses a peer URL may reach. A coordinator types the URL; it must never be a
 * way into the server's own network: private (RFC 1918, unique-local), carrier-grade NAT,
 * link-local (cloud metadata at 169.254.169.254), loopback, unspecified, multicast, reserved and
 * documentation ranges are refused — loopback only allowed by a setting (tests, the demo).
 * Node's own net.BlockList does the range matching (IPv4-mapped IPv6 included).
 */
import { BlockList, isIP } from "node:net";

const always = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  always.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  always.addSubnet(net, bits, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:10.0.0.1), else the address itself. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

export type AddressVerdict = "ok" | "private" | "loopback" | "invalid";

export function classifyAddress(address: string, allowLoopback: boolean): AddressVerdict {
  const a = unmapped(address);
  const family = isIP(a);
  if (family === 0) return "invalid";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(a, type)) return allowLoopback ? "ok" : "loopback";
  if (always.check(a, type)) return "private";
  return "ok";
}

/** A peer's base URL, normalised (no credentials, query or fragment; no trailing slash), or why not. */
export function parsePeerUrl(input: string): { ok: true; url: string } | { ok: false; reason: "invalid" | "scheme" | "credentials" } {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return { ok: false, reason: "scheme" };
  if (u.username || u.password) return { ok: false, reason: "credentials" };
  if (!u.hostname) return { ok: false, reason: "invalid" };
  return { ok: true, url: `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}` };
}
