import { AuroraProvider, auroraStyles } from '@aurora-rca/react';
import { type FormEvent, type ReactNode, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readToken, saveToken } from './auth.js';
import { IncidentPage, IncidentsPage } from './pages.js';
import { interceptLinks, navigate, useLocation } from './router.js';

const portalStyles = `
body { margin: 0; background: #eef0f3; }
.portal { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; min-height: 100vh; }
.portal-header { display: flex; align-items: baseline; gap: 1rem; border-bottom: 1px solid var(--aurora-border); margin-bottom: 1rem; }
.portal-header a { color: inherit; text-decoration: none; font-weight: 700; font-size: 1.2rem; }
.portal-toolbar { display: flex; justify-content: flex-end; }
.portal-back a { color: var(--aurora-accent); }
`;

function SignIn({ onToken }: { onToken: (token: string) => void }): ReactNode {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    saveToken(value.trim());
    onToken(value.trim());
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <p>
        This portal needs an API token (the server prints <code>AURORA_TOKEN=…</code> on start).
      </p>
      <label>
        API token{' '}
        <input
          type="password"
          className="aurora-textarea"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <p>
        <button type="submit" className="aurora-button aurora-button-primary">
          Sign in
        </button>
      </p>
    </form>
  );
}

function Redirect({ to }: { to: string }): ReactNode {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes(): ReactNode {
  const location = useLocation();
  const match = /^\/incidents\/([^/]+)\/?$/.exec(location.pathname);
  if (match?.[1]) return <IncidentPage id={decodeURIComponent(match[1])} />;
  if (location.pathname !== '/incidents' && location.pathname !== '/incidents/')
    return <Redirect to="/incidents" />;
  return <IncidentsPage filter={location.searchParams.get('status') ?? ''} />;
}

function Portal(): ReactNode {
  const [token, setToken] = useState(readToken);
  return (
    <div className="aurora portal" onClickCapture={(e) => interceptLinks(e.nativeEvent)}>
      <header className="portal-header">
        <a href="/incidents">Aurora</a>
        <span className="aurora-muted">AI incident investigation</span>
      </header>
      <main>
        {token ? (
          <AuroraProvider baseUrl={window.location.origin} getToken={() => token}>
            <Routes />
          </AuroraProvider>
        ) : (
          <SignIn onToken={setToken} />
        )}
      </main>
    </div>
  );
}

const style = document.createElement('style');
style.textContent = auroraStyles + portalStyles;
document.head.append(style);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Portal />
  </StrictMode>,
);
