/**
 * The modular infrastructure plan on a 360 px phone (issue 14): a delegate builds her plan from
 * her olla's home, sees the planner's months, reorders, finishes a module and is led to update
 * that category's assessment; a coordinator sees the combined demand and downloads it as CSV.
 */
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, failOnDialogs, freshOlla, login, signedIn, test, trpcMutation, trpcQuery } from "./fixtures";

async function noSideScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page fits a 360 px screen").toBeLessThanOrEqual(360);
}

/** Counts the taps (clicks and selects) a task takes. */
function tapCounter() {
  let n = 0;
  return {
    get count() {
      return n;
    },
    async click(l: Locator) {
      n++;
      await l.click();
    },
    async select(l: Locator, value: string) {
      n++;
      await l.selectOption(value);
    },
  };
}

/** Rows of a CSV (RFC 4180: quoted cells may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** "YYYY-MM" of this month in Lima, plus `offset` months, as the plan page writes it ("marzo de 2027"). */
function limaMonth(offset: number) {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima", year: "numeric", month: "2-digit" }).format(new Date()).split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 15, 12));
  return new Intl.DateTimeFormat("es", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}

test("a delegate builds a three-module plan with S/ 100 a month, sees the months, reorders, finishes one and is led to the assessment", async ({ page, browser }) => {
  const dialogs = failOnDialogs(page);
  const olla = await freshOlla(browser);
  await login(page.request, olla.delegate!.phone, olla.delegate!.password);
  const modules = await trpcQuery<{ id: string; code: string }[]>(page.request, "planModule.list", {});
  const id = (code: string) => modules.find((m) => m.code === code)!.id;

  // From her olla's home, adding the first module to her plan is three taps: Plan, the module, Agregar.
  await page.goto(`/mi-olla/${olla.id}`);
  const taps = tapCounter();
  await taps.click(page.getByTestId("home-plan"));
  await expect(page.getByRole("heading", { level: 1, name: "Plan de infraestructura" })).toBeVisible();
  const add = page.getByTestId("plan-add");
  const items = page.getByTestId("plan-item");
  await taps.select(add.getByLabel("Agregar módulo"), id("lavadero"));
  await taps.click(add.getByRole("button", { name: "Agregar al plan" }));
  await expect(items).toHaveCount(1);
  expect(taps.count).toBeLessThanOrEqual(3);

  // Her order: the sink first, then the tank it needs, then an improved stove.
  for (const [n, code] of [
    [2, "tanque-1100"],
    [3, "cocina-mejorada"],
  ] as const) {
    await add.getByLabel("Agregar módulo").selectOption(id(code));
    await add.getByRole("button", { name: "Agregar al plan" }).click();
    await expect(items).toHaveCount(n);
  }
  await expect(items.nth(0)).toHaveAttribute("data-module", "lavadero");
  await expect(page.getByTestId("plan-warnings")).toContainText("Lavadero con desagüe necesita antes");

  // She can put aside S/ 100 a month and has nothing saved yet.
  await page.getByLabel("Capacidad de inversión al mes (S/)").fill("100");
  await page.getByTestId("plan-settings").getByRole("button", { name: "Guardar capacidad" }).click();
  await expect(page.getByText("Capacidad guardada.").first()).toBeVisible();

  // The suggestion puts the tank first; each step is counted at the top of its range, one after
  // the other: S/ 650 in 7 months, + S/ 600 = 1,250 in 13, + S/ 900 = 2,150 in 22.
  const steps = page.getByTestId("suggested-step");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("Tanque de agua de 1,100 L");
  await expect(steps.nth(0)).toContainText("Primero Tanque de agua de 1,100 L: Lavadero con desagüe lo necesita.");
  await expect(steps.nth(1)).toContainText("Lavadero con desagüe");
  await expect(steps.nth(2)).toContainText("Cocina mejorada a leña");
  await expect(steps.nth(0)).toContainText("S/ 450 – 650");
  for (const [n, offset] of [
    [0, 7],
    [1, 13],
    [2, 22],
  ] as const) {
    await expect(steps.nth(n).getByTestId("suggested-month")).toContainText(limaMonth(offset));
  }
  await expect(steps.nth(2)).toContainText(`Con S/ 100 al mes, Cocina mejorada a leña estaría listo en ${limaMonth(22)}.`);
  await noSideScroll(page);

  // She moves the tank up: her order now meets the prerequisite, the warning goes.
  await page.getByRole("button", { name: "Subir Tanque de agua de 1,100 L" }).click();
  await expect(items.first()).toHaveAttribute("data-module", "tanque-1100");
  await expect(items.nth(1)).toHaveAttribute("data-module", "lavadero");
  await expect(page.getByTestId("plan-warnings")).toHaveCount(0);

  // Done: the tank leaves the suggestion, the sink moves up to 6 months, and she is invited to
  // update the water assessment, one tap away.
  await page.getByRole("button", { name: "Marcar Tanque de agua de 1,100 L como hecho" }).click();
  await expect(page.getByTestId("assess-invite")).toBeVisible();
  await expect(items.first()).toContainText("Hecho");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0).getByTestId("suggested-month")).toContainText(limaMonth(6));
  await noSideScroll(page);
  await page.getByRole("link", { name: "Actualizar la evaluación de Agua" }).click();
  await expect(page).toHaveURL(new RegExp(`/mi-olla/${olla.id}/evaluar/water$`));
  expect(dialogs).toEqual([]);
});

test("a coordinator sees the combined demand of her zone and downloads it as CSV", async ({ page, browser }) => {
  // An olla of her zone plans a water tank and a grease trap.
  const olla = await freshOlla(browser);
  const delegate = await signedIn(browser, olla.delegate!.phone, olla.delegate!.password);
  const modules = await trpcQuery<{ id: string; code: string }[]>(delegate.request, "planModule.list", {});
  for (const code of ["tanque-1100", "trampa-grasa"])
    await trpcMutation(delegate.request, "plan.addModule", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), moduleId: modules.find((m) => m.code === code)!.id });
  await delegate.close();

  await login(page.request, DEMO.zone);
  await page.goto("/coordinacion/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Demanda combinada" })).toBeVisible();
  const rows = page.getByTestId("demand-row");
  await expect(rows.first()).toBeVisible();
  const tankRow = rows.filter({ hasText: "Tanque de agua de 1,100 L" });
  await expect(tankRow).toHaveCount(1);
  await expect(tankRow.getByRole("cell").first()).toHaveText("Red zonal San Juan de Lurigancho");
  await noSideScroll(page);

  const download = page.waitForEvent("download");
  await page.getByTestId("csv-demand").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("demanda-modulos.csv");
  const body = Buffer.concat(await (await file.createReadStream()).toArray())
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const csv = parseCsv(body);
  expect(csv[0]).toEqual(["Módulo", "Problema", "Zona", "Ollas que lo planean", "Ahorrando", "En obra", "Hechos", "S/ min", "S/ max", "Ollas"]);
  // One line per row of the table, in the table's order.
  expect(csv).toHaveLength((await rows.count()) + 1);
  const tank = csv.find((r) => r[0] === "Tanque de agua de 1,100 L")!;
  expect(tank).toBeDefined();
  expect(tank.slice(1, 3)).toEqual(["Agua", "Red zonal San Juan de Lurigancho"]);
  const planning = Number(tank[3]);
  expect(planning).toBe(Number(await tankRow.getByRole("cell").nth(1).textContent()));
  // The total is n × the tank's range, S/ 450–650, and her olla is among those behind it.
  expect([Number(tank[7]), Number(tank[8])]).toEqual([450 * planning, 650 * planning]);
  expect(tank[9]!.split("; ")).toContain(olla.name);
  expect(csv.find((r) => r[0] === "Trampa de grasa")?.[9]?.split("; ")).toContain(olla.name);
});
