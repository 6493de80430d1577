import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { needCategoryEnum, needStatusEnum, needUrgencyEnum, needVisibilityEnum } from "~/server/db/schema/needs";
import { ollaStatusEnum, problemCategoryEnum } from "~/server/db/schema/ollas";
import { stockDirectionEnum, stockExitReasonEnum, stockSourceTypeEnum, stockTransferStatusEnum, stockUnitEnum } from "~/server/db/schema/stock";
import { roleEnum } from "~/server/db/schema/users";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { NEED_CATEGORIES, NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES } from "~/shared/needs";
import { OLLA_STATUSES } from "~/shared/olla";
import { ROLES } from "~/shared/roles";
import { LEDGER_EXIT_REASONS, SOURCE_TYPES, STOCK_DIRECTIONS, STOCK_UNITS, TRANSFER_STATUSES } from "~/shared/stock";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** The files of src/ and scripts/ (the product's code) whose text matches `re`. */
function filesMatching(re: RegExp): string[] {
  return [...sourceFiles("src"), ...sourceFiles("scripts")].filter((f) => re.test(readFileSync(path.join(ROOT, f), "utf8"))).sort();
}

describe("one source for each constant", () => {
  it("the database enums are the domain's tuples", () => {
    const pairs: [readonly string[], readonly string[]][] = [
      [roleEnum.enumValues, ROLES],
      [ollaStatusEnum.enumValues, OLLA_STATUSES],
      [problemCategoryEnum.enumValues, PROBLEM_CATEGORIES],
      [needCategoryEnum.enumValues, NEED_CATEGORIES],
      [needUrgencyEnum.enumValues, NEED_URGENCIES],
      [needStatusEnum.enumValues, NEED_STATUSES],
      [needVisibilityEnum.enumValues, NEED_VISIBILITIES],
      [stockUnitEnum.enumValues, STOCK_UNITS],
      [stockSourceTypeEnum.enumValues, SOURCE_TYPES],
      [stockDirectionEnum.enumValues, STOCK_DIRECTIONS],
      [stockExitReasonEnum.enumValues, LEDGER_EXIT_REASONS],
      [stockTransferStatusEnum.enumValues, TRANSFER_STATUSES],
    ];
    for (const [db, domain] of pairs) expect(db).toEqual(domain);
    // Built from the tuples, not a literal list that happens to agree today.
    expect(filesMatching(/pgEnum\(\s*"[a-z_]+",\s*\[/)).toEqual([]);
  });

  it('"today in Lima" is computed only in src/shared/lima-day.ts, never with a fixed offset', () => {
    expect(filesMatching(/America\/Lima/)).toEqual(["src/shared/lima-day.ts"]);
    expect(filesMatching(/getTimezoneOffset|5 \* 3600|5 \* 60 \* 60|-5 \* 36/)).toEqual([]);
  });

  it("level names, urgencies and people columns are declared once", () => {
    expect(filesMatching(/"critical",\s*"precarious"/)).toEqual(["src/shared/assessment.ts"]);
    expect(filesMatching(/"low",\s*"medium",\s*"high"/)).toEqual(["src/shared/needs.ts"]);
    expect(filesMatching(/"rations",\s*"children"/)).toEqual(["src/shared/dashboard.ts"]);
    expect(filesMatching(/"__others__"/)).toEqual(["src/shared/dashboard.ts"]);
  });
});
