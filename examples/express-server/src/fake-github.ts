import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';

/**
 * A small GitHub REST stand-in for the local demo, so "Apply fix" runs the real Octokit
 * code path (repo → default branch → blobs → tree → commit → ref → pull request) with no
 * network and no token. Mounted at `/fake-github`; pull requests are listed at
 * `/fake-github/pulls` and shown at their `html_url`.
 */
export function fakeGitHub(publicBaseUrl: () => string): {
  router: Router;
  pulls: Array<Record<string, unknown>>;
} {
  const router = express.Router();
  router.use(express.json({ limit: '5mb' }));
  const pulls: Array<Record<string, unknown>> = [];
  const refs = new Map<string, string>();
  const sha = () => randomUUID().replace(/-/g, '').padEnd(40, '0').slice(0, 40);
  const repo = (owner: string, name: string) => ({
    id: 1,
    name,
    full_name: `${owner}/${name}`,
    owner: { login: owner },
    default_branch: 'main',
    html_url: `${publicBaseUrl()}/fake-github/${owner}/${name}`,
    private: true,
  });

  router.get('/repos/:owner/:repo', (req, res) => {
    res.json(repo(req.params.owner, req.params.repo));
  });
  router.get('/repos/:owner/:repo/git/ref/{*ref}', (req, res) => {
    const ref = ([] as string[])
      .concat((req.params as Record<string, string | string[]>).ref ?? [])
      .join('/');
    const key = `${req.params.owner}/${req.params.repo}:${ref}`;
    if (!refs.has(key)) refs.set(key, sha());
    res.json({ ref: `refs/${ref}`, object: { sha: refs.get(key), type: 'commit' } });
  });
  router.get('/repos/:owner/:repo/git/commits/:sha', (req, res) => {
    res.json({ sha: req.params.sha, tree: { sha: sha() } });
  });
  router.post('/repos/:owner/:repo/git/blobs', (_req, res) => {
    res.status(201).json({ sha: sha() });
  });
  router.post('/repos/:owner/:repo/git/trees', (_req, res) => {
    res.status(201).json({ sha: sha() });
  });
  router.post('/repos/:owner/:repo/git/commits', (req, res) => {
    res.status(201).json({ sha: sha(), message: req.body?.message });
  });
  router.post('/repos/:owner/:repo/git/refs', (req, res) => {
    const ref = String(req.body?.ref ?? '').replace(/^refs\//, '');
    const key = `${req.params.owner}/${req.params.repo}:${ref}`;
    if (refs.has(key)) {
      res.status(422).json({ message: 'Reference already exists' });
      return;
    }
    refs.set(key, String(req.body?.sha));
    res.status(201).json({ ref: `refs/${ref}`, object: { sha: req.body?.sha } });
  });
  router.post('/repos/:owner/:repo/pulls', (req, res) => {
    const number = pulls.length + 1;
    const pr = {
      number,
      title: req.body?.title,
      body: req.body?.body,
      head: { ref: req.body?.head },
      base: { ref: req.body?.base },
      html_url: `${publicBaseUrl()}/fake-github/${req.params.owner}/${req.params.repo}/pull/${number}`,
      state: 'open',
    };
    pulls.push(pr);
    res.status(201).json(pr);
  });
  router.get('/pulls', (_req, res) => {
    res.json(pulls);
  });
  router.get('/:owner/:repo/pull/:number', (req, res) => {
    const pr = pulls.find((p) => String(p.number) === req.params.number);
    if (!pr) {
      res.status(404).send('No such pull request');
      return;
    }
    res.type('text/plain').send(`Pull request #${pr.number}: ${pr.title}\n\n${pr.body}`);
  });
  return { router, pulls };
}
