/** Prints once which database the suite runs on, so a CI log says what was tested. */
export default function setup(): void {
  const url = process.env.TEST_DATABASE_URL;
  console.log(url ? `[tests] database: PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//***@')}` : '[tests] database: embedded PGlite');
}
