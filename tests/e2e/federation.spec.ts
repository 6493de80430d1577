/**
 * Federation between two real instances (issue #18's two-process test): this spec starts a second
 * app process of the same build on its own port and database ("Red de Ollas del Cercado de
 * Lima", seeded with one district the main demo does not have), as scripts/federation-demo.sh
 * does, and the main e2e server (the city network) follows it through its coordinator's page:
 *  - the coordinator types the peer's URL, compares the thumbprint the peer's coordinator reads
 *    out (its JWKS), pins it and pulls;
 *  - an olla created on the peer (with private values: canaries) appears on the city's public map
 *    (markers, clusters' count, list, panel) and in its public dashboard after one pull, always
 *    "de Red de Ollas del Cercado de Lima, actualizado …", and no private value reaches the city;
 *  - the peer stopped: the city still shows its ollas, marked stale;
 *  - the peer removed: its ollas leave the map, the list and the dashboard.
 * The main server allows loopback peers (FEDERATION_ALLOW_LOOPBACK=1 in playwright.config.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO, expect, login, runStamp, test, trpcMutation, trpcQuery } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const PEER_PORT = PORT + 61;
const PEER = `http://127.0.0.1:${PEER_PORT}`;
const PEER_NAME = "Red de Ollas del Cercado de Lima";
const PEER_DIR = `.data/e2e-peer-${PEER_PORT}`;
const CERCADO = "150101";
const SEEDED = 4;

let peerProcess: ChildProcess | null = null;

async function startPeer() {
  rmSync(PEER_DIR, { recursive: true, force: true });
  // A clean environment (not the test runner's: its loader options are not for a Next server).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    PGLITE_DIR: `${PEER_DIR}/pglite`,
    SEED_DEMO: "1",
    SEED_DEMO_DISTRICTS: `${CERCADO}:${SEEDED}`,
    FEDERATION_NAME: PEER_NAME,
    FEDERATION_URL: PEER,
    NEXTAUTH_URL: PEER,
    NEXTAUTH_SECRET: "e2e-peer-secret-e2e-peer-secret-e2e-peer",
    FEDERATION_PULL_MINUTES: "0",
    PERSONAL_DATA_PURGE: "0",
  };
  mkdirSync(PEER_DIR, { recursive: true });
  const log = openSync(`${PEER_DIR}/server.log`, "w");
  peerProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PEER_PORT), "-H", "127.0.0.1"], { env, stdio: ["ignore", log, log] });
  const deadline = Date.now() + 400_000;
  while (Date.now() < deadline) {
    if (peerProcess.exitCode !== null) throw new Error(`the peer instance exited (${peerProcess.exitCode}): ${readFileSync(`${PEER_DIR}/server.log`, "utf8").slice(-2000)}`);
    const up = await fetch(`${PEER}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the peer instance did not start");
}

async function stopPeer() {
  const p = peerProcess;
  peerProcess = null;
  if (!p || p.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });
}

test.afterAll(async () => {
  await stopPeer();
});

/**
 * Presses "Actualizar ahora" on the peer's card, waits for the pull's answer, then its toast. The
 * answer first: the previous pull's toast ("4 cambios copiados") may still be on screen and match.
 */
async function pullNow(page: Page, expected: RegExp) {
  const card = page.getByTestId("peer-list").locator("li").filter({ hasText: PEER });
  const answered = page.waitForResponse((r) => r.url().includes("/api/trpc/federation.pullNow") && r.request().method() === "POST", { timeout: 120_000 });
  await card.getByRole("button", { name: "Actualizar ahora" }).click();
  expect((await answered).ok()).toBe(true);
  await expect(page.getByText(expected).first()).toBeVisible({ timeout: 60_000 });
}

/** The city's public map list, filtered to the peer's district: what a visitor reads. */
async function cercadoList(request: APIRequestContext) {
  return trpcQuery<{ items: { id: string; name: string; from: { peerName: string; updatedAt: string | null; stale: boolean } | null }[]; total: number }>(request, "map.list", {
    filter: { districtUbigeo: CERCADO },
    limit: 100,
    offset: 0,
  });
}

/**
 * The public map's list, as a visitor reads it: this network's ollas first, then the followed
 * networks' (the peer's district is not among this demo's filter choices), page after page.
 */
async function findInMapList(page: Page, name: string) {
  await page.goto("/mapa");
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  const items = page.getByTestId("map-list-item");
  const item = items.filter({ hasText: name });
  await expect(items.first()).toBeVisible();
  for (let i = 0; i < 20 && (await item.count()) === 0; i++) {
    const first = await items.first().getAttribute("data-olla-id");
    await page.getByRole("link", { name: "Siguiente" }).or(page.getByRole("button", { name: "Siguiente" })).first().click();
    await expect(items.first()).not.toHaveAttribute("data-olla-id", first!);
  }
  await expect(item).toBeVisible();
  return item;
}

test("two instances: the city follows a district network, shows its ollas with provenance, keeps them when it is down, drops them when removed", async ({ browser, page, request }) => {
  test.setTimeout(600_000);
  await startPeer();

  // The peer's coordinator reads out her key's thumbprint by phone (here: her JWKS).
  const jwks = (await (await fetch(`${PEER}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  const thumbprint = jwks.keys[jwks.keys.length - 1]!.kid;

  // The city coordinator adds the peer: URL, the thumbprint shown matches the one read out, pin.
  const city = await browser.newContext();
  await login(city.request, DEMO.city);
  // A retry (CI retries once) finds the first attempt's peer still followed, pinned to the key of
  // a peer instance that no longer exists: it goes first, as a coordinator would remove it.
  for (const p of await trpcQuery<{ id: string; baseUrl: string }[]>(city.request, "federation.peers")) {
    if (p.baseUrl === PEER) await trpcMutation(city.request, "federation.remove", { peerId: p.id });
  }
  const cp = await city.newPage();
  await cp.goto("/coordinacion/redes");
  await cp.getByTestId("peer-url").fill(PEER);
  await cp.getByTestId("peer-submit").click();
  // The preview's own thumbprint, not "the second on the page": with a peer card already listed
  // that was the card's pinned (old) key, the "thumbprint shown ≠ the peer's JWKS" CI failure.
  const shown = cp.getByTestId("peer-preview-thumbprint");
  await expect(shown).toBeVisible({ timeout: 30_000 });
  expect((await shown.textContent())!.replace(/\s+/g, "")).toBe(thumbprint);
  await cp.getByTestId("peer-thumbprint").fill(thumbprint.match(/.{1,4}/g)!.join(" "));
  await cp.getByTestId("peer-submit").click();
  await expect(cp.getByTestId("peer-list").getByText(PEER)).toBeVisible();
  await pullNow(cp, /cambios? copiados?/);
  await expect(cp.getByTestId("peer-list").getByRole("heading", { name: PEER_NAME })).toBeVisible();
  expect((await cercadoList(request)).total).toBe(SEEDED);

  // On the peer, its coordinator opens a new olla, with private values that must stay there.
  const s = runStamp();
  const canaries = { address: `Canario dirección ${s}`, contact: `Canario contacto ${s}`, phone: `9${String(Date.now()).slice(-8)}` };
  const peerCity = await browser.newContext({ baseURL: PEER });
  await login(peerCity.request, DEMO.city);
  const zones = await trpcQuery<{ id: string; districtUbigeo: string }[]>(peerCity.request, "reference.zones");
  const name = `Olla Común Federada ${s}`;
  await trpcMutation(peerCity.request, "olla.create", {
    name,
    districtUbigeo: CERCADO,
    zoneId: zones.find((z) => z.districtUbigeo === CERCADO)!.id,
    addressReference: canaries.address,
    location: { lat: -12.052, lng: -77.031 },
    publishExact: false,
    status: "active",
    foundedOn: null,
    cookingDays: ["mon", "wed", "fri"],
    rationsPerDay: 95,
    beneficiaries: { children: 30, olderAdults: 10, pregnantNursing: 4, disabled: 2 },
    rationPriceCents: 150,
    contactName: canaries.contact,
    contactPhone: `+51${canaries.phone}`,
  });
  await peerCity.close();

  // One pull on the city's side brings it.
  await pullNow(cp, /1 cambio copiado|cambios copiados/);

  // The public map: the clusters' count and the list (with provenance), then its marker and panel.
  const clusters = await trpcQuery<{ total: number; points: [string][] }>(request, "map.clusters", {
    filter: { districtUbigeo: CERCADO },
    bbox: { west: -77.2, south: -12.2, east: -76.9, north: -11.9 },
    zoom: 17,
  });
  expect(clusters.total).toBe(SEEDED + 1);
  expect(clusters.points.every((p) => p[0].startsWith("peer:"))).toBe(true);
  const list = await cercadoList(request);
  const mine = list.items.find((i) => i.name === name);
  expect(mine?.from).toMatchObject({ peerName: PEER_NAME, stale: false });

  const item = await findInMapList(page, name);
  await expect(item.getByTestId("map-provenance")).toContainText(`de ${PEER_NAME}, actualizado`);
  await item.getByRole("button", { name: "Ver en el mapa" }).click();
  const panel = page.getByTestId("olla-panel");
  await expect(panel.getByTestId("panel-name")).toHaveText(name);
  await expect(panel.getByTestId("map-provenance")).toContainText(`de ${PEER_NAME}, actualizado`);
  await expect(panel.getByTestId("panel-rations")).toContainText("95");
  await expect(page.locator(`[data-kind="olla"][data-peer="true"][data-olla-id="${mine!.id}"]`)).toBeVisible();
  await expect(page.getByTestId("map-legend")).toContainText("De otra red federada");

  // The public dashboard: the peer's size and its own district figures, with provenance.
  await page.goto("/panel");
  const section = page.getByTestId("peer-panel");
  await expect(section).toContainText(PEER_NAME);
  await expect(section).toContainText(`${SEEDED + 1} ollas`);
  await expect(section.getByTestId("provenance")).toContainText(`de ${PEER_NAME}, actualizado`);

  // No private value of the peer reached the city: its public answers, pages and map data.
  const seen = [
    JSON.stringify(list),
    JSON.stringify(await trpcQuery(request, "federation.ollas", {})),
    JSON.stringify(await trpcQuery(request, "federation.mapOlla", { id: mine!.id })),
    JSON.stringify(await trpcQuery(request, "federation.summary")),
    await (await request.get("/panel")).text(),
    await (await request.get("/mapa")).text(),
    await (await request.get("/necesidades")).text(),
  ].join("\n");
  for (const c of Object.values(canaries)) expect(seen, c).not.toContain(c);

  // The peer goes down: the city keeps its last good copy, marked stale with its age.
  await stopPeer();
  await pullNow(cp, /No se pudo actualizar/);
  const after = await cercadoList(request);
  expect(after.total).toBe(SEEDED + 1);
  expect(after.items.every((i) => i.from?.stale === true)).toBe(true);
  const stale = (await findInMapList(page, name)).getByTestId("map-provenance");
  await expect(stale).toHaveAttribute("data-stale", "true");
  await expect(stale).toContainText("Desactualizada");
  await expect(stale).toContainText("actualizado");

  // Removed: its data is gone from the map, the list and the dashboard.
  const card = cp.getByTestId("peer-list").locator("li").filter({ hasText: PEER });
  await card.getByRole("button", { name: "Quitar" }).click();
  await card.getByRole("button", { name: "Sí, seguir" }).click();
  await expect(cp.getByTestId("peer-list")).toHaveCount(0);
  expect((await cercadoList(request)).total).toBe(0);
  await page.goto("/panel");
  await expect(page.getByTestId("peer-panel")).toHaveCount(0);
  await city.close();
  console.info(`federation: peer ${PEER} (${SEEDED + 1} ollas) followed, shown with provenance, stale when down, dropped when removed; 0 canaries`);
});
