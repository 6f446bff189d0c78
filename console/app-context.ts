// What every screen may reach: created once in main.tsx (api, session, router) or by the signed-in shell.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client.js';
import type { User } from './api/types.js';
import type { Queue } from './models/queue-model.js';
import type { Notifications } from './models/notifications-model.js';
import type { Offers } from './models/offers-model.js';
import type { PresenceState } from './models/presence-model.js';
import type { Realtime } from './models/realtime-model.js';
import type { Router } from './models/router-model.js';
import type { Session } from './models/session-model.js';

export interface AppServices {
  api: ApiClient;
  session: Session;
  router: Router;
}

export interface SignedIn extends AppServices {
  me: User;
  realtime: Realtime;
  queue: Queue;
  offers: Offers;
  presence: PresenceState;
  notifications: Notifications;
}

export const ServicesContext = createContext<AppServices | null>(null);
export const SignedInContext = createContext<SignedIn | null>(null);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside <ServicesContext.Provider>');
  return s;
}

export function useSignedIn(): SignedIn {
  const s = useContext(SignedInContext);
  if (!s) throw new Error('useSignedIn outside the signed-in shell');
  return s;
}
