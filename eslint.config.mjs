// ESLint flat config: Next's core-web-vitals and TypeScript rules, plus our own few.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // Routes and components reach data only through scoped use cases (lib/access.ts authorize):
    // never the database client, raw Prisma, or the unscoped helpers kept in *.internal.ts /
    // internal.ts files (docs/ARCHITECTURE.md).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              message: "Use a scoped use case from lib/<aggregate>/, not the database client.",
            },
            {
              name: "@/lib/audit/write",
              message: "Audit rows are written by the use cases, inside their transaction.",
            },
            {
              name: "@/lib/prisma-client",
              message: "Use a scoped use case from lib/<aggregate>/, not a database client.",
            },
            {
              name: "@/lib/generated/prisma/client",
              allowTypeImports: true,
              message: "Import Prisma types only; data goes through lib/<aggregate>/ use cases.",
            },
          ],
          patterns: [
            {
              group: ["@/lib/**/*.internal", "@/lib/**/internal", "**/*.internal"],
              message: "Unscoped helpers: call the scoped use case that wraps them instead.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
