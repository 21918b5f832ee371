import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts","src/testing/index.ts","src/client/index.ts","src/node/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  esbuildOptions(o) { o.conditions = ["@aurora-rca/source"]; },
});
