/**
 * npm run bench:lighthouse -- [--base URL] [--runs 3] [--tile-port 3397]
 *
 * The Lighthouse section of `npm run bench` alone, against a running server (the 300-olla demo,
 * say), for working on page weight without the whole benchmark. For the tiles to be blank rather
 * than errors, build with NEXT_PUBLIC_TILE_URL=http://127.0.0.1:<tile-port>/{z}/{x}/{y}.png:
 * this script serves them on that port while it runs.
 */
import { parseArgs } from "node:util";
import { blankTileServer, meetsBudget, runLighthouse } from "./lib/lighthouse";
import { lighthousePages } from "./lib/lighthouse-pages";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:3000" },
    runs: { type: "string", default: "3" },
    "tile-port": { type: "string", default: "3397" },
  },
});

async function main() {
  const tiles = await blankTileServer(Number(args["tile-port"])).catch(() => null);
  try {
    const pages = await lighthousePages(args.base!);
    const results = await runLighthouse(args.base!, pages, Number(args.runs), (m) => console.log(m));
    console.log(JSON.stringify(results, null, 2));
    const missed = results.filter((r) => !meetsBudget(r));
    console.log(missed.length ? `missed: ${missed.map((r) => r.page).join(", ")}` : "every page within budget");
  } finally {
    tiles?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
