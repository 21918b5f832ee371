import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/migrate-cli.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  esbuildOptions(o) { o.conditions = ["@aurora-rca/source"]; },
});
