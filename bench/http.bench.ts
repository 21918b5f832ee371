/**
 * The HTTP front door under load, on loopback.
 *
 *   node --conditions=@aurora-rca/source --import tsx bench/http.bench.ts
 *
 * 1. Webhook throughput: autocannon drives `POST /api/webhooks/alertmanager/:id` (bearer auth,
 *    real Alertmanager v4 bodies, a unique fingerprint per request over 50 services) against the
 *    Web handler behind the Express adapter, memory storage. Sustained alerts/s and p50/p99
 *    latency, (a) API-only (investigations run elsewhere) and (b) with the rule-based
 *    investigations running in the same process.
 * 2. Model token → SSE: a streaming model emits sentences 100 ms apart; the time from the token
 *    that completes a sentence to the `thought` event read by an SSE client over HTTP, with the
 *    default thought batching (1 s) and with `investigation.thoughtIntervalMs` 250 and 0.
 *
 * Figures vary with the machine; on a shared 2-core box expect noise.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import express from 'express';
import { auroraExpress } from '../packages/adapters/src/express/index.js';
import { builtInSources } from '../packages/adapters/src/sources/index.js';
import {
  type Aurora,
  createAurora,
  createAuroraHandler,
  type Integration,
} from '../packages/core/src/index.js';
import { memoryStorage } from '../packages/storage-memory/src/index.js';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const integration: Integration = {
  id: 'am',
  tenantId: 'bench',
  source: 'alertmanager',
  auth: { type: 'bearer', token: 'bench-secret' },
};

async function serve(aurora: Aurora) {
  const app = express();
  app.use(
    auroraExpress(
      createAuroraHandler(aurora, {
        integrations: [integration],
        authenticate: (req) =>
          req.headers.get('authorization') === 'Bearer api' ? { tenantId: 'bench', userId: 'bench' } : null,
        rateLimit: false,
      }),
    ),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function alertBody(n: number): string {
  const service = `svc-${n % 50}`;
  return JSON.stringify({
    receiver: 'aurora',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: `HighErrorRate${n % 7}`,
          service,
          severity: n % 3 ? 'warning' : 'critical',
          namespace: 'prod',
        },
        annotations: { summary: `Error rate above 5% on ${service}` },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint: `bench-${process.pid}-${n}`,
      },
    ],
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager',
    version: '4',
    groupKey: `{}:{service="${service}"}`,
  });
}

async function webhookLoad(label: string, workers: boolean) {
  const aurora = createAurora({
    storage: memoryStorage(),
    sources: builtInSources(),
    workers: workers ? {} : false,
  });
  await aurora.start();
  const { server, url } = await serve(aurora);
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/webhooks/alertmanager/am`,
    method: 'POST',
    connections: 20,
    duration: 8,
    headers: { authorization: 'Bearer bench-secret', 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: alertBody(n++) }) }],
  });
  server.close();
  await aurora.close();
  const ok = result['2xx'] as number;
  console.log(
    `${label.padEnd(44)} ${(ok / result.duration).toFixed(0).padStart(6)} alerts/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   non-2xx ${result.non2xx}`,
  );
  return ok / result.duration;
}

/** Streams sentences, recording when the token that completes each one left the model. */
class TimedModel extends BaseChatModel {
  emitted = new Map<string, number>();
  constructor(private readonly sentences: string[]) {
    super({});
  }
  _llmType() {
    return 'timed';
  }
  override bindTools(): any {
    return this;
  }
  async _generate(): Promise<ChatResult> {
    throw new Error('stream only');
  }
  override async *_streamResponseChunks(
    _m: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ) {
    for (const s of this.sentences) {
      await new Promise((r) => setTimeout(r, 100));
      const half = Math.floor(s.length / 2);
      for (const piece of [s.slice(0, half), `${s.slice(half)} `]) {
        if (piece.endsWith(' ') && piece.trim().endsWith('.')) this.emitted.set(s, performance.now());
        yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
        await runManager?.handleLLMNewToken(piece);
      }
      if (options.signal?.aborted) return;
    }
    // Finish with the structured result so the run completes.
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        tool_call_chunks: [
          {
            name: 'submit_result',
            id: 'r1',
            index: 0,
            args: JSON.stringify({
              summary: 'done',
              rootCause: 'none found',
              confidence: 'inconclusive',
              ruledOut: [],
              notChecked: [],
              suggestions: [],
            }),
          },
        ],
      }),
    });
  }
}

async function tokenToSse(thoughtIntervalMs: number) {
  const sentences = Array.from(
    { length: 20 },
    (_, i) => `Step ${i + 1} checks one more signal of the checkout service.`,
  );
  const model = new TimedModel(sentences);
  const aurora = createAurora({ storage: memoryStorage(), sources: builtInSources(), model, investigation: { thoughtIntervalMs } });
  const { server, url } = await serve(aurora);
  const created = await (
    await fetch(`${url}/api/incidents`, {
      method: 'POST',
      headers: { authorization: 'Bearer api', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Checkout slow', service: 'checkout' }),
    })
  ).json();
  const id = created.incident.id as string;
  const res = await fetch(`${url}/api/incidents/${id}/stream`, { headers: { authorization: 'Bearer api' } });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const latencies: number[] = [];
  let buffer = '';
  await aurora.start(); // investigation starts only once the client listens
  const deadline = performance.now() + 20_000;
  while (latencies.length < sentences.length && performance.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    const now = performance.now();
    buffer += decoder.decode(value, { stream: true });
    let idx = buffer.indexOf('\n\n');
    while (idx >= 0) {
      const frame = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      idx = buffer.indexOf('\n\n');
      if (!frame.includes('event: thought')) continue;
      const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6));
      for (const t of data.thoughts as Array<{ content: string }>) {
        for (const s of sentences)
          if (t.content.includes(s) && model.emitted.has(s)) latencies.push(now - model.emitted.get(s)!);
      }
    }
  }
  await reader.cancel();
  server.close();
  await aurora.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(1);
  console.log(
    `model token → SSE thought event, thoughtIntervalMs ${String(thoughtIntervalMs).padStart(4)} (${latencies.length} sentences): p50 ${pct(50)} ms   p99 ${pct(99)} ms   max ${latencies.at(-1)?.toFixed(1)} ms`,
  );
}

console.log('HTTP benchmarks (loopback, memory storage)\n');
const apiOnly = await webhookLoad('webhooks, API-only process', false);
const withWorkers = await webhookLoad('webhooks, investigations in the same process', true);
console.log(`ratio with/without in-process investigations: ${(withWorkers / apiOnly).toFixed(2)}\n`);
await tokenToSse(1000);
await tokenToSse(250);
await tokenToSse(0);
process.exit(0);
