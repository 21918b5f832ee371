import { builtInSources } from '@aurora-rca/adapters/sources';
import { auroraExpress } from '@aurora-rca/adapters/express';
import { createAurora, createAuroraHandler } from '@aurora-rca/core';
import { memoryStorage } from '@aurora-rca/storage-memory';
import express from 'express';

const aurora = createAurora({ storage: memoryStorage(), sources: builtInSources() });
await aurora.start();

const app = express();
app.use(
  auroraExpress(
    createAuroraHandler(aurora, {
      // Your auth: return the caller's tenant, or null for 401.
      authenticate: (req) =>
        req.headers.get('authorization') === 'Bearer dev-token' ? { tenantId: 'acme', userId: 'dev' } : null,
      integrations: [
        {
          id: 'grafana-prod',
          tenantId: 'acme',
          source: 'grafana',
          auth: { type: 'bearer', token: 'grafana-secret' },
        },
      ],
    }),
  ),
);
app.listen(3000);
