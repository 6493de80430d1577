/** The GET path of a tRPC query with its superjson-wrapped input, as the app's client sends it. */
export const trpcGet = (proc: string, input: unknown) => `/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
