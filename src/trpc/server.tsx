import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { appRouter } from "~/server/api/root";
import { rscContext } from "~/server/request-context";
import { makeQueryClient } from "./query-client";
import { TRPCReactProvider } from "./react";

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: rscContext, router: appRouter, queryClient: getQueryClient });

export { serverCaller, signedInMe } from "./caller";

/**
 * The client data layer (React Query + the tRPC client) and this request's prefetched answers,
 * around the interactive part of a page. Pages without it (home, public needs, an olla's public
 * page, the delegate's server-rendered pages) ship none of that JavaScript.
 */
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>
    </TRPCReactProvider>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  const qc = getQueryClient();
  if (queryOptions.queryKey[1]?.type === "infinite") {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    void qc.prefetchInfiniteQuery(queryOptions as any);
  } else {
    void qc.prefetchQuery(queryOptions);
  }
}

/**
 * For a page that is about one thing (an olla, a coordinator's scope): fetches it before the page
 * renders (kept for hydration, as prefetch) and turns the server's refusal into the page people
 * expect: another olla's page, or a coordinator's page for someone who is not one, is "not found"
 * (HTTP 404), as the procedure answers, instead of a page that fails while streaming.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function fetchOrNotFound<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  try {
    return await getQueryClient().fetchQuery(queryOptions);
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
}

/** A page for signed-in people: a signed-out visitor is sent to sign in and back. */
export async function signedInOrLogin(path: string) {
  const ctx = await rscContext();
  if (!ctx.session) redirect(`/ingresar?callbackUrl=${encodeURIComponent(path)}`);
  return ctx;
}

/**
 * A page of an olla's own space: her delegate's, or a coordinator's whose scope has it. Checked
 * before the page asks for anything else, so another olla's page is only "not found".
 */
export async function ollaPageAccess(ollaId: string, path: string) {
  await signedInOrLogin(path);
  return fetchOrNotFound(trpc.olla.get.queryOptions({ ollaId }));
}

/** A coordination page: "not found" for anyone signed in who coordinates nothing. */
export async function coordinatorPageAccess(path: string) {
  await signedInOrLogin(path);
  const me = await fetchOrNotFound(trpc.me.get.queryOptions());
  if (!me.city && me.zones.length === 0) notFound();
  return me;
}
