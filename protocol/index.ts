export * from './limits.js';
export * from './domain.js';
export * from './priority-bands.js';
export * from './signal-tripped.js';
export * from './events.js';
export * from './visitor-socket.js';
export * from './agent-socket.js';
export * from './http.js';
