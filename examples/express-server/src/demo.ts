import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from './config.js';
import { createEngine } from './engine.js';
import { distinctScenarios, readScenarios, replayAlerts } from './replay.js';
import { startServer } from './server.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * `pnpm demo`: the example server on embedded PostgreSQL with a built-in alert storm.
 * Prints `AURORA_URL=` and `AURORA_TOKEN=` once ready.
 */
async function main() {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const dataDir = process.env.AURORA_DATA_DIR ?? here('../.data');
  mkdirSync(dataDir, { recursive: true });
  const tokenFile = `${dataDir}/demo-token`;
  const token =
    process.env.AURORA_TOKEN ||
    (existsSync(tokenFile)
      ? readFileSync(tokenFile, 'utf8').trim()
      : (() => {
          const t = `demo_${randomBytes(18).toString('base64url')}`;
          writeFileSync(tokenFile, t, { mode: 0o600 });
          return t;
        })());
  const config = loadConfig(process.env.AURORA_CONFIG ?? here('../aurora.config.json'), {
    ...process.env,
    AURORA_TOKEN: token,
  });
  const scenarios = distinctScenarios(readScenarios(here('../../scenarios')));
  const port = Number(process.env.PORT ?? 3000);
  let publicUrl = `http://127.0.0.1:${port}`;

  const engine = await createEngine({
    dataDir,
    logger,
    scenarios,
    publicUrl: () => publicUrl,
    env: process.env,
  });
  const running = await startServer({
    aurora: engine.aurora,
    config,
    logger,
    host: '127.0.0.1',
    port,
    demoToken: token,
    configure: engine.configure,
  });
  publicUrl = running.url;

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'signal received');
    await running.close();
    await engine.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  process.stdout.write(
    [
      '',
      `Aurora demo is running (${engine.description}).`,
      `  Portal:  ${running.url}/incidents`,
      `  API:     curl -H "Authorization: Bearer ${token}" ${running.url}/api/incidents`,
      `  Metrics: ${running.url}/metrics`,
      '',
      `AURORA_URL=${running.url}`,
      `AURORA_TOKEN=${token}`,
      '',
    ].join('\n'),
  );

  if (process.env.AURORA_DEMO_REPLAY !== '0') {
    const now = Date.now();
    const alerts = scenarios.flatMap((s) => s.alerts).map((a, i) => ({ ...a, order: i }));
    logger.info(
      { alerts: alerts.length, scenarios: scenarios.length },
      'replaying the built-in alert storm through the signed webhook endpoints',
    );
    await replayAlerts(running.url, alerts, config.integrations, {
      gapMs: Number(process.env.AURORA_DEMO_GAP_MS ?? 150),
      onResult: (alert, status) => {
        if (status !== 202) logger.warn({ source: alert.source, status }, 'demo alert was not accepted');
      },
    });
    logger.info({ ms: Date.now() - now }, 'alert storm delivered; investigations are running');
  }
}

main().catch((error) => {
  process.stderr.write(
    `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
