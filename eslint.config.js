import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next*/**", "node_modules/**", ".data/**", "drizzle/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "bench-results/**"] },
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
  {
    files: ["src/components/**/*.{ts,tsx}", "src/app/**/*.{ts,tsx}"],
    // The one place Leaflet may be imported: loaded by src/components/map/map-view.tsx through dynamic(..., { ssr: false }).
    ignores: ["src/components/map/leaflet/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "leaflet", message: "Load the map only through the dynamic() wrapper (window is undefined on the server)." },
            { name: "react-leaflet", message: "Load the map only through the dynamic() wrapper (window is undefined on the server)." },
          ],
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } } },
);
