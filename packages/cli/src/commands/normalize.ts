import { isAbsolute, resolve } from 'node:path';
import {
  builtInSourceRegistry,
  DEFAULT_MAX_BODY_BYTES,
  parseWebhookBody,
} from '@aurora-rca/adapters/sources';
import { Alert, AuroraError, type SourceMappingOptions } from '@aurora-rca/core';
import type { RegisterCommand } from '../io.js';

interface NormalizeFlags {
  raw?: boolean;
  receivedAt?: string;
  mapping?: string;
  maxBytes?: string;
}

/** A failure reported as one line on stderr with exit code 2. */
class InvalidInput extends Error {}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `aurora normalize <source> <file|->` — parses a webhook payload with a built-in source and
 * prints the normalized alerts as a JSON array (the `raw` payload only with `--raw`).
 * Invalid input (unknown source, unreadable file, bad JSON, unparseable payload) exits 2 with a
 * one-line reason on stderr.
 */
export const registerNormalize: RegisterCommand = (program, io, setExit) => {
  const registry = builtInSourceRegistry();
  program
    .command('normalize')
    .description('Normalize a webhook payload into Aurora alerts (JSON array on stdout)')
    .argument('<source>', `source id: ${registry.ids().join(', ')}`)
    .argument('<file>', 'payload file, or - for standard input')
    .option('--raw', 'include the original payload of each alert')
    .option('--received-at <iso>', 'receive time used where the payload has none (default: now)')
    .option('--mapping <json>', 'integration mapping overrides, e.g. \'{"serviceLabels":["host"]}\'')
    .option('--max-bytes <n>', `payload size limit in bytes (default ${DEFAULT_MAX_BODY_BYTES})`)
    .action(async (sourceId: string, file: string, flags: NormalizeFlags) => {
      try {
        const source = registry.get(sourceId);
        if (!source)
          throw new InvalidInput(`unknown source '${sourceId}' (known: ${registry.ids().join(', ')})`);

        let receivedAt = new Date().toISOString();
        if (flags.receivedAt !== undefined) {
          const t = Date.parse(flags.receivedAt);
          if (Number.isNaN(t)) throw new InvalidInput(`--received-at '${flags.receivedAt}' is not a date`);
          receivedAt = new Date(t).toISOString();
        }
        let mapping: SourceMappingOptions | undefined;
        if (flags.mapping !== undefined) {
          try {
            mapping = JSON.parse(flags.mapping) as SourceMappingOptions;
          } catch {
            throw new InvalidInput('--mapping is not valid JSON');
          }
          if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
            throw new InvalidInput('--mapping must be a JSON object');
          }
        }
        const maxBytes = flags.maxBytes === undefined ? DEFAULT_MAX_BODY_BYTES : Number(flags.maxBytes);
        if (!Number.isInteger(maxBytes) || maxBytes <= 0)
          throw new InvalidInput('--max-bytes must be a positive integer');

        let text: string;
        const path = file === '-' || isAbsolute(file) ? file : resolve(io.cwd, file);
        try {
          text = await io.readInput(path);
        } catch (e) {
          const code = (e as { code?: string }).code;
          throw new InvalidInput(
            `cannot read ${file === '-' ? 'standard input' : file}${code ? ` (${code})` : ''}`,
          );
        }
        const body = parseWebhookBody(text, { source: sourceId, maxBytes });
        const alerts = source
          .parse(body, { headers: {}, receivedAt, ...(mapping ? { mapping } : {}) })
          .map((input) => {
            const { raw, ...alert } = Alert.parse(input);
            return flags.raw ? { ...alert, raw } : alert;
          });
        io.stdout(`${JSON.stringify(alerts, null, 2)}\n`);
      } catch (error) {
        if (error instanceof InvalidInput || AuroraError.isInstance(error)) {
          io.stderr(`aurora normalize: ${oneLine(error.message)}\n`);
          setExit(2);
          return;
        }
        throw error;
      }
    });
};
