/**
 * One structured, value-free log line for an unexpected server error. drizzle's query
 * errors read "Failed query: <sql>\nparams: <values>": the values are a row's private
 * data (phones, addresses, password hashes), so only the SQL text and the PostgreSQL
 * error code are kept.
 */
export function internalErrorLine(path: string | undefined, error: { name: string; cause?: unknown }): string {
  const cause = error.cause as { name?: string; message?: unknown; code?: unknown; cause?: { code?: unknown } } | undefined;
  const message = typeof cause?.message === "string" ? cause.message.split(/\r?\nparams:/)[0]!.slice(0, 200) : undefined;
  const code = [cause?.cause?.code, cause?.code].find((c): c is string => typeof c === "string" && /^[0-9A-Z]{5}$/.test(c));
  return JSON.stringify({ event: "trpc-error", at: new Date().toISOString(), path, error: cause?.name ?? error.name, pgCode: code, message });
}
