/** Time is data: everything that compares against "now" takes a clock, so tests can move it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
