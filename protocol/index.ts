export * from './limits.js';
export * from './domain.js';
export * from './events.js';
export * from './visitor-socket.js';
export * from './agent-socket.js';
export * from './http.js';
export * from './conversation-tests.js';
