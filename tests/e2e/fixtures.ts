import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

/** Demo logins (see README). */
export const DEMO = {
  password: "ollas2026",
  city: "ciudad@redollas.pe",
  zone: "zonal.sjl@redollas.pe",
  delegateA: "987 654 321",
  delegateB: "987 654 322",
} as const;

/** Signs in through next-auth's own endpoints; the session cookie lands in the page's context. */
export async function login(request: APIRequestContext, identifier: string, password: string = DEMO.password) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { identifier, password, csrfToken, callbackUrl: "/", json: "true" },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { url: string };
  expect(new URL(body.url).searchParams.get("error")).toBeNull();
}

/** Calls a tRPC query as the page's signed-in user (superjson envelope). */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${path}${qs}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export async function myOllaId(request: APIRequestContext): Promise<string> {
  const me = await trpcQuery<{ ollas: { id: string }[] }>(request, "me.get");
  return me.ollas[0]!.id;
}

/** Fails the test if the page opens any dialog (alert/confirm/prompt) it did not expect. */
export function failOnDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}

export const test = base;
export { expect };
