import { z } from 'zod';
import type { Storage } from '../spec/storage.js';
import type { Tool } from '../spec/tool.js';

/** Name of the built-in tool that reads one field of an alert's raw payload in full. */
export const READ_ALERT_FIELD_TOOL = 'read_alert_field';

const Input = z.object({
  alertId: z.string().min(1).describe('The alert id from the context'),
  path: z
    .string()
    .default('')
    .describe(
      'Dot path into the raw payload, e.g. "alerts.0.annotations.description"; empty for the whole payload',
    ),
});
type Input = z.infer<typeof Input>;

/** Follow a dot path (`a.b.0.c`, `a.b[0].c`) into a value. */
export function readPath(value: unknown, path: string): { found: boolean; value: unknown } {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let cur: unknown = value;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, p))
      return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[p];
  }
  return { found: true, value: cur };
}

/**
 * Reads a field of an alert's raw payload in full (the context shows payloads with long
 * fields cut). Only alerts of the investigated incident, or of incidents merged into it, are
 * readable; anything else answers "not found", never another tenant's data.
 */
export function alertFieldTool(storage: Storage): Tool<Input> {
  return {
    specificationVersion: 'v1',
    name: READ_ALERT_FIELD_TOOL,
    description: "Read one field of an alert's raw payload in full (the context cuts long fields).",
    input: Input,
    access: 'read',
    describe: (input) => `read_alert_field ${input.alertId} ${input.path || '.'}`,
    async run(input, ctx) {
      const command = `read_alert_field ${input.alertId} ${input.path || '.'}`;
      const alert = await storage.alerts.get(ctx.tenantId, input.alertId);
      let allowed = alert !== null && alert.incidentId === ctx.incidentId;
      if (alert && !allowed && alert.incidentId && ctx.incidentId) {
        const owner = await storage.incidents.get(ctx.tenantId, alert.incidentId);
        allowed = owner?.mergedIntoId === ctx.incidentId;
      }
      if (!alert || !allowed)
        return {
          status: 'error',
          output: '',
          command,
          reason: `Alert ${input.alertId} not found in this incident`,
        };
      const { found, value } = readPath(alert.raw, input.path);
      if (!found)
        return { status: 'empty', output: '', command, reason: `No field ${input.path} in the payload` };
      const output = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      return { status: output ? 'ok' : 'empty', output: output ?? '', command };
    },
  };
}
