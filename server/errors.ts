// The error family lives on the bottom floor (base/errors.ts) so the libraries can throw it without the server.
export * from '../base/errors.js';
