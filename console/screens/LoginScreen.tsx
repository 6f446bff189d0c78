// Sign-in form. Errors come from the server's message so they stay accurate.
import { useState } from 'preact/hooks';
import { useServices } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';

export function LoginScreen() {
  const { session } = useServices();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const busy = session.busy.value;
  const error = session.error.value;
  useDocumentTitle('Sign in · Firstline');

  return (
    <main class="login">
      <form
        class="card login-card"
        aria-labelledby="login-title"
        onSubmit={(e) => {
          e.preventDefault();
          void session.signIn(email, password);
        }}
      >
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">
            F
          </span>
          <h1 id="login-title">Firstline console</h1>
        </div>
        <p class="muted">Sign in to answer the conversations the AI handed over.</p>
        {session.expired.value && !error && <Alert kind="info">Your session ended. Please sign in again.</Alert>}
        {error && <Alert>{error}</Alert>}
        <label class="field">
          <span class="field-label">Email</span>
          <input
            type="email"
            aria-label="Email"
            autocomplete="username"
            required
            autofocus
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">Password</span>
          <input
            type="password"
            aria-label="Password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
