// The SQL seam lives on the bottom floor (base/db.ts) so the libraries can use it without the server.
export * from '../../base/db.js';
