import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";

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

/** Calls a tRPC mutation as the request context's signed-in user (no Origin: a same-site tool). */
export async function trpcMutation<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(res.ok(), `${procedure} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`).toBeTruthy();
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A short string unique to this run, for names, phones and e-mails that must not collide with a retry's. */
export const runStamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** A Peruvian mobile number (9 digits, starting with 9) no demo person and no other run uses. */
export const uniquePhone = () => `9${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
/** "987123456" → "987 123 456", as people type it. */
export const spacedPhone = (p: string) => `${p.slice(0, 3)} ${p.slice(3, 6)} ${p.slice(6)}`;

/** A browser context signed in as `identifier`. */
export async function signedIn(browser: Browser, identifier: string, password?: string) {
  const ctx = await browser.newContext();
  await login(ctx.request, identifier, password);
  return ctx;
}

export interface FreshOlla {
  id: string;
  name: string;
  delegate: { name: string; phone: string; password: string } | null;
}

const SJL = "150132"; // San Juan de Lurigancho: the demo zone coordinator's zone

/**
 * An olla of the spec's own, made through the app's own paths: the city coordinator creates it
 * (olla.create) in the zone of the demo zone coordinator, invites a delegate (invitation.create)
 * who accepts with her own password (invitation.accept), as a real delegate joins. Specs that
 * write (profile, assessments, stock, needs, delegates) work on it, so they pass alone, in any
 * order and on a retry, and leave the demo ollas that other specs read as seeded.
 */
export async function freshOlla(browser: Browser, opts: { withDelegate?: boolean; district?: string } = {}): Promise<FreshOlla> {
  const s = runStamp();
  const city = await signedIn(browser, DEMO.city);
  try {
    const district = opts.district ?? SJL;
    const zones = await trpcQuery<{ id: string; districtUbigeo: string }[]>(city.request, "reference.zones");
    const zone = zones.find((z) => z.districtUbigeo === district);
    expect(zone, `a demo zone for district ${district}`).toBeDefined();
    const name = `Olla Común Prueba ${s}`;
    const olla = await trpcMutation<{ id: string }>(city.request, "olla.create", {
      name,
      districtUbigeo: district,
      zoneId: zone!.id,
      addressReference: `Mz. P Lt. ${s}`,
      location: { lat: -11.99 + Math.random() * 0.02, lng: -77.0 + Math.random() * 0.02 },
      publishExact: false,
      status: "active",
      foundedOn: null,
      cookingDays: ["mon", "wed", "fri"],
      rationsPerDay: 80,
      beneficiaries: { children: 30, olderAdults: 10, pregnantNursing: 4, disabled: 2 },
      rationPriceCents: 150,
      contactName: null,
      contactPhone: null,
    });
    if (opts.withDelegate === false) return { id: olla.id, name, delegate: null };
    const delegate = { name: `Delegada ${s}`, phone: uniquePhone(), password: `clave-${s}` };
    const inv = await trpcMutation<{ code: string }>(city.request, "invitation.create", { ollaId: olla.id, inviteeName: delegate.name, inviteePhone: `+51${delegate.phone}`, expiresInDays: 7 });
    const anon = await browser.newContext();
    await trpcMutation(anon.request, "invitation.accept", { code: inv.code, name: delegate.name, password: delegate.password });
    await anon.close();
    return { id: olla.id, name, delegate };
  } finally {
    await city.close();
  }
}

/** Closes ollas a spec created (as the city coordinator), so the public map and lists are the demo's again. */
export async function closeOllas(browser: Browser, ids: string[]) {
  const city = await signedIn(browser, DEMO.city);
  for (const ollaId of ids) {
    const { profile } = await trpcQuery<{ profile: Record<string, unknown> }>(city.request, "olla.get", { ollaId });
    const { id: _i, updatedAt: _u, publicLocation: _p, ...rest } = profile;
    await trpcMutation(city.request, "olla.update", { ...rest, ollaId, status: "closed" });
  }
  await city.close();
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

/**
 * Cuts the network for the page and for the service worker's own requests: setOffline alone does
 * not reach a service worker's fetches; context.route does. `set(true)` is offline.
 */
export async function networkSwitch(ctx: BrowserContext) {
  let offline = false;
  await ctx.route("**/*", (route) => (offline ? route.abort("internetdisconnected") : route.fallback()));
  return {
    async set(v: boolean) {
      offline = v;
      await ctx.setOffline(v);
    },
  };
}

/** Waits until the app's service worker controls the page (it then keeps her pages for offline). */
export async function serviceWorkerControls(page: Page) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, { timeout: 30_000 });
}

export const test = base;
export { expect };
