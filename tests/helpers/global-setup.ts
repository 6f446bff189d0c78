import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One id per `npm test`, so browser test files build the front ends once between them. */
    testRunId: string;
  }
}

/** Prints once which database the suite runs on, so a CI log says what was tested. */
export default function setup(project: TestProject): void {
  const url = process.env.TEST_DATABASE_URL;
  console.log(
    url
      ? `[tests] database: PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//***@')}`
      : '[tests] database: embedded PGlite',
  );
  project.provide('testRunId', randomUUID());
}
