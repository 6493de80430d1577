import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** A relative or ~/ import of src/server/<folder> (any depth of ../). */
const serverPath = (folder) => `^(~/server|(\\.\\.?/)+(src/)?server)/${folder}(/|$)`;

const NO_QUERIES = [
  { regex: serverPath("db/queries"), message: "Pages, components and route handlers never query the database: call a tRPC procedure (pages: serverCaller() in src/trpc/server.tsx) or a use case." },
];
const UI_LAYER = [
  ...NO_QUERIES,
  { regex: serverPath("services"), message: "Pages and components never call use cases directly: call a tRPC procedure (pages: serverCaller() in src/trpc/server.tsx)." },
];
const LEAFLET = [
  { regex: "^(react-)?leaflet$", message: "Load the map only through the dynamic() wrapper (window is undefined on the server)." },
];
const PAGES_ONLY = [
  { regex: serverPath("api/root"), allowTypeImports: true, message: "Pages call procedures through serverCaller()/signedInMe() in src/trpc/server.tsx, not a caller of their own." },
];
const DOMAIN_LAYER = [
  { regex: serverPath("db"), message: "Domain rules are plain functions: no database (queries belong in src/server/db/queries)." },
  { regex: "^(\\.\\./)+db(/|$)", message: "Domain rules are plain functions: no database (queries belong in src/server/db/queries)." },
  { regex: "^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)", message: "Domain rules are plain functions: no database driver or ORM." },
];
const SERVICE_LAYER = [
  { regex: "^drizzle-orm(/|$)", message: "Use cases call db/queries: SQL and query building live in src/server/db/queries." },
  { regex: serverPath("db/schema"), allowTypeImports: true, message: "Use cases call db/queries: SQL and query building live in src/server/db/queries." },
];
const SHARED_LAYER = [
  { regex: "^(~/server|(\\.\\./)+server)(/|$)", message: "src/shared ships to the browser: it imports nothing from src/server." },
];

/** One no-restricted-imports (type-aware: `import type` of a forbidden module is allowed only where said). */
const restrict = (patterns) => ({
  "no-restricted-imports": "off",
  "@typescript-eslint/no-restricted-imports": ["error", { patterns: patterns.map(({ regex, message, allowTypeImports }) => ({ regex, message, allowTypeImports: !!allowTypeImports })) }],
});

/** Whether a module starts with the 'use client' directive (it and what it imports ship to the browser). */
const isClientModule = (program) => program.body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client");
const SERVER_IMPORT = /^(~\/server|(\.\.?\/)+(src\/)?server)(\/|$)/;

/** A local rule: a 'use client' module imports nothing from src/server (types excepted: they are erased). */
const layers = {
  rules: {
    "no-server-in-client": {
      meta: {
        type: "problem",
        schema: [],
        messages: { server: "'use client' modules ship to the browser: import nothing from src/server ({{source}}); use src/shared or a tRPC procedure." },
      },
      create(context) {
        if (!isClientModule(context.sourceCode.ast)) return {};
        const check = (node, source, typeOnly) => {
          if (!typeOnly && typeof source === "string" && SERVER_IMPORT.test(source)) context.report({ node, messageId: "server", data: { source } });
        };
        return {
          ImportDeclaration: (n) =>
            check(n, n.source.value, n.importKind === "type" || (n.specifiers.length > 0 && n.specifiers.every((sp) => sp.importKind === "type"))),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === "type"),
          ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === "type"),
          ImportExpression: (n) => n.source.type === "Literal" && check(n, n.source.value, false),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: [".next*/**", "node_modules/**", ".data/**", "drizzle/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "bench-results/**", "public/sw.js", "public/swe-worker*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Never render HTML strings: build DOM from text." },
        { selector: "MemberExpression[property.name='innerHTML']", message: "Never render HTML strings: build DOM from text." },
      ],
    },
  },
  // ---- Layer rules (README, "Folder layout"). In flat config a later block replaces a rule's
  // options for the files it matches, so each block below lists every restriction for its folder.
  { files: ["**/*.{ts,tsx}"], plugins: { layers }, rules: { "layers/no-server-in-client": "error" } },
  {
    // Pages and components reach data through tRPC (src/trpc/server.tsx for pages), never the queries or use cases.
    files: ["src/components/**/*.{ts,tsx}", "src/app/**/*.{ts,tsx}"],
    rules: restrict([...UI_LAYER, ...LEAFLET]),
  },
  {
    // The one place Leaflet may be imported: loaded by src/components/map/map-view.tsx through dynamic(..., { ssr: false }).
    files: ["src/components/map/leaflet/**/*.{ts,tsx}"],
    rules: restrict(UI_LAYER),
  },
  {
    // Pages (not route handlers) call procedures through the server caller, not the router itself.
    files: ["src/app/**/*.{ts,tsx}"],
    ignores: ["src/app/api/**"],
    rules: restrict([...UI_LAYER, ...LEAFLET, ...PAGES_ONLY]),
  },
  {
    // Route handlers are HTTP adapters, as routers are for tRPC: they may call a use case, never a query.
    files: ["src/app/api/**/*.ts"],
    rules: restrict([...NO_QUERIES, ...LEAFLET]),
  },
  { files: ["src/server/domain/**/*.ts"], rules: restrict(DOMAIN_LAYER) },
  { files: ["src/server/services/**/*.ts"], rules: restrict(SERVICE_LAYER) },
  { files: ["src/shared/**/*.ts"], rules: restrict(SHARED_LAYER) },
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } } },
);
