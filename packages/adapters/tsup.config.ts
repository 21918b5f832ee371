import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts","src/sources/index.ts","src/sources/grafana.ts","src/sources/pagerduty.ts","src/sources/datadog.ts","src/sources/netdata.ts","src/sources/dynatrace.ts","src/sources/splunk.ts","src/sources/jenkins.ts","src/sources/cloudbees.ts","src/sources/alertmanager.ts","src/sources/generic.ts","src/tools/index.ts","src/github/index.ts","src/express/index.ts","src/llm/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  esbuildOptions(o) { o.conditions = ["@aurora-rca/source"]; },
});
