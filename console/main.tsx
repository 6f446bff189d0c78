// Composition root of the console: storage -> api -> session -> router -> render.
import { render } from 'preact';
import { ServicesContext, type AppServices } from './app-context.js';
import { createApiClient } from './api/client.js';
import { App } from './components/App.js';
import { browserStore } from './lib/storage.js';
import { RouterModel } from './models/router-model.js';
import { SessionModel, type Session } from './models/session-model.js';
import './styles.css';

let session: Session | null = null;
const api = createApiClient({
  getToken: () => session?.token.peek() ?? null,
  onUnauthorized: () => session?.signOut('expired'),
});
session = new SessionModel(browserStore(), api.login);
const router = new RouterModel();

// "/console" alone shows the queue; give it its real address so links and reloads agree.
if (router.route.peek().name === 'queue' && !location.pathname.startsWith('/console/queue')) {
  router.navigate('/console/queue', { replace: true });
}

const services: AppServices = { api, session, router };
const root = document.getElementById('app');
if (root) {
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}
