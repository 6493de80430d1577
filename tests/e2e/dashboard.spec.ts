import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, expect, failOnDialogs, login, myOllaId, test, trpcMutation, trpcQuery } from "./fixtures";

/** The rows of a dashboard table as the user reads them: header cell, then each cell's text. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page.locator(`#${id} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => (c.querySelector("[aria-hidden='true']") ? "—" : (c.firstChild?.textContent ?? "").trim()))),
  );
}

/** Splits a simple CSV line (our cells never contain quotes except around commas). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

test("the public dashboard draws every chart with its table, in Spanish", async ({ page }) => {
  const dialogs = failOnDialogs(page);
  await page.goto("/");
  await page.getByTestId("home-dashboard-link").click();
  await expect(page).toHaveURL(/\/panel$/);
  await expect(page.getByRole("heading", { level: 1, name: "Problemas que compartimos" })).toBeVisible();
  await expect(page.getByTestId("suppression-note")).toContainText("menos de 3 ollas");
  // Shared by every visitor for a minute (PUBLIC_CACHE_SECONDS), and it says so.
  await expect(page.getByTestId("dashboard-refresh")).toHaveText("Estas cifras públicas se recalculan cada 60 segundos como máximo.");

  for (const id of ["problems", "trends", "needs", "people", "stock"]) {
    const section = page.getByTestId(`section-${id}`);
    await expect(section.getByTestId("chart").first()).toBeVisible();
    // Every chart but the stock one (few ollas run low at once in the demo) has bars to draw.
    if (id !== "stock") await expect(section.getByTestId("chart").first().getByTestId("chart-segment").first()).toBeVisible();
    await expect(section.locator("table").first()).toBeVisible();
  }
  // Bars are drawn on the server from the demo data (one segment per non-empty level), in the HTML.
  const html = await (await page.request.get("/panel")).text();
  expect(html).toContain('data-testid="chart-segment"');

  // The problems table: one row per category, each with a level breakdown and a total.
  const rows = await tableRows(page, "problems");
  expect(rows.map((r) => r[0])).toEqual(["Agua", "Saneamiento", "Almacenamiento", "Cocina y combustible", "Espacio", "Electricidad", "Refrigeración", "Nutrición"]);
  const water = rows[0]!;
  const total = Number(water[5]!.replace(/\D/g, ""));
  expect(total).toBeGreaterThan(30);

  // The chart's table agrees with the open-data endpoint (the same aggregates for outside tools).
  const api = await page.request.get("/api/public/v1/problems.json");
  expect(api.headers()["cache-control"]).toContain("max-age=300");
  const json = (await api.json()) as { problems: Record<string, { city: { total: number | null; critical: number | null } }> };
  expect(json.problems.water!.city.total).toBe(total);

  // Per area, and the district filter narrows everything to one district.
  await expect(page.locator("#problems-area tbody tr").first()).toBeVisible();
  await page.getByLabel("Distrito", { exact: true }).selectOption({ label: "San Juan de Lurigancho" });
  await expect(page.locator("#problems-area tbody tr")).toHaveCount(1);
  await expect(page.locator("#problems-area tbody tr th")).toHaveText("San Juan de Lurigancho");
  await expect(page).toHaveURL(/[?&]district=150132/);
  // A section's own category: the areas' table follows, the district stays chosen.
  await page.getByRole("combobox", { name: "Problema para ver por zona" }).selectOption({ label: "Nutrición" });
  await expect(page).toHaveURL(/problem=nutrition/);
  await expect(page.getByRole("heading", { name: "Nutrición por distrito" })).toBeVisible();
  await expect(page.locator("#problems-area tbody tr th")).toHaveText("San Juan de Lurigancho");
  expect(dialogs).toEqual([]);
});

test("the public dashboard in English", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/panel");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "The problems we share" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Infrastructure by problem" })).toBeVisible();
  await expect(page.locator("#problems thead th")).toHaveText(["Problem", "Critical", "Precarious", "Adequate", "Good", "Total"]);
  await expect(page.locator("#problems tbody tr th").first()).toHaveText("Water");
  await expect(page.getByTestId("section-trends").getByTestId("chart")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dependence on a single institution" })).toBeVisible();
});

test("a CSV download holds exactly the rows of the table beside the chart", async ({ page }) => {
  await page.goto("/panel");
  await expect(page.locator("#problems tbody tr")).toHaveCount(8);
  const shown = await tableRows(page, "problems");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-problems").click()]);
  expect(download.suggestedFilename()).toBe("problemas.csv");
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r\n/);
  expect(csvCells(lines[0]!)).toEqual(["Problema", "Crítico", "Precario", "Adecuado", "Bueno", "Total"]);
  const body = lines.slice(1).map(csvCells);
  expect(body).toHaveLength(shown.length);
  body.forEach((cells, i) => {
    const row = shown[i]!;
    expect(cells[0]).toBe(row[0]);
    // Numbers as digits in the CSV, as formatted text in the table; hidden cells empty / "—".
    cells.slice(1).forEach((v, j) => expect(v === "" ? "—" : v).toBe(row[j + 1] === "—" ? "—" : row[j + 1]!.replace(/[^\d]/g, "")));
  });
});

test("a delegate's home tells her where her olla stands and who nearby improved", async ({ page }) => {
  await login(page.request, DEMO.delegateA);
  const ollaId = await myOllaId(page.request);
  const stand = await trpcQuery<{
    areaName: string;
    categories: { category: string; level: number | null; zoneSharing: number; citySharing: number }[];
    improvedNearby: { category: string; ollas: { ollaId: string; name: string }[] }[];
  }>(page.request, "dashboard.whereYouStand", { ollaId });
  await page.goto(`/mi-olla/${ollaId}`);
  const section = page.getByTestId("where-you-stand");
  await expect(section.getByRole("heading", { name: "Dónde estamos" })).toBeVisible();
  expect(stand.areaName).toBe("San Juan de Lurigancho");
  const topics: Record<string, string> = { water: "agua", sanitation: "saneamiento", storage: "almacenamiento", cooking: "cocina y combustible", space: "espacio", electricity: "electricidad", refrigeration: "refrigeración", nutrition: "nutrición" };
  const shared = stand.categories.filter((c) => c.level !== null && c.level <= 1);
  expect(shared.length).toBeGreaterThan(0);
  for (const c of shared) {
    const z = c.zoneSharing === 1 ? "1 olla" : `${c.zoneSharing} ollas`;
    await expect(section.getByTestId(`stand-sentence-${c.category}`)).toHaveText(
      `Tu olla comparte el problema de ${topics[c.category]} con ${c.zoneSharing === 0 ? "ninguna otra olla" : z} de San Juan de Lurigancho y ${c.citySharing} en la ciudad.`,
    );
  }
  // Her worst problems come with nearby ollas that improved them, linked to their public pages.
  for (const g of stand.improvedNearby) {
    const block = section.getByTestId(`improved-${g.category}`);
    await expect(block).toBeVisible();
    for (const o of g.ollas) await expect(block.getByRole("link", { name: o.name, exact: true })).toHaveAttribute("href", `/ollas/${o.ollaId}`);
  }
});

test("a zone coordinator's dashboard shows her zone only, with the dependency warnings", async ({ page }) => {
  await login(page.request, DEMO.zone);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Panel de la red" }).click();
  await expect(page).toHaveURL(/\/coordinacion\/panel$/);
  await expect(page.getByRole("heading", { level: 1, name: "Panel de coordinación" })).toBeVisible();
  await expect(page.locator("#problems-area tbody tr")).toHaveCount(1);
  await expect(page.locator("#problems-area tbody tr th")).toContainText("San Juan de Lurigancho");
  await expect(page.getByTestId("suppression-note")).toHaveCount(0);
  const section = page.getByTestId("section-dependency");
  await expect(section.getByTestId("dependency-warnings").or(section.getByTestId("no-warnings"))).toBeVisible();
  // No settings form for a zone coordinator: the network's settings are the city's.
  await expect(page.getByTestId("settings")).toHaveCount(0);
});

interface Settings {
  version: number;
  dependencyThreshold: number;
  stapleItems: string[];
  lowStockDays: number;
  monthlyMinimumWageCents: number;
  maxLeadershipTermMonths: number;
}

test("the city coordinator changes the dependency threshold and the dashboard follows", async ({ page }) => {
  await login(page.request, DEMO.city);
  // The network's settings are shared by every spec: put back what this one changes.
  const original = await trpcQuery<Settings>(page.request, "settings.get");
  try {
    await changeThreshold(page);
  } finally {
    const now = await trpcQuery<Settings>(page.request, "settings.get");
    await trpcMutation(page.request, "settings.update", {
      version: now.version,
      dependencyThresholdPercent: Math.round(original.dependencyThreshold * 100),
      stapleItems: original.stapleItems,
      lowStockDays: original.lowStockDays,
      monthlyMinimumWage: original.monthlyMinimumWageCents / 100,
      maxLeadershipTermMonths: original.maxLeadershipTermMonths,
    });
  }
  expect((await trpcQuery<Settings>(page.request, "settings.get")).dependencyThreshold).toBe(original.dependencyThreshold);
});

async function changeThreshold(page: Page) {
  await page.goto("/coordinacion/panel");
  const settings = page.getByTestId("settings");
  await expect(settings).toBeVisible();
  await settings.getByLabel("Umbral de dependencia (%)").fill("5");
  await settings.getByRole("button", { name: "Guardar ajustes" }).click();
  await expect(settings.getByText("El valor mínimo es 10.")).toBeVisible();
  await settings.getByLabel("Umbral de dependencia (%)").fill("45");
  await settings.getByRole("button", { name: "Guardar ajustes" }).click();
  await expect(settings.getByRole("status")).toHaveText("Ajustes guardados.");
  await expect(page.getByTestId("dependency-summary")).toContainText("45%");
}
