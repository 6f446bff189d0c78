// Root: the sign-in gate, then the signed-in shell with the routed screen.
import { useServices } from '../app-context.js';
import { LoginScreen } from '../screens/LoginScreen.js';
import { DisplayNameDialog } from './DisplayNameDialog.js';
import { Shell } from './Shell.js';

export function App() {
  const { session, api } = useServices();
  const token = session.token.value;
  const user = session.user.value;
  if (!token || !user) return <LoginScreen />;
  // Keyed by token so signing in again builds a fresh socket and queue.
  return (
    <>
      <Shell key={token} token={token} me={user} />
      {/* First sign-in: customers need a name to see ("Maya joined") before anything else. */}
      {!user.displayName && <DisplayNameDialog me={user} api={api} onSaved={(u) => session.updateUser(u)} />}
    </>
  );
}
