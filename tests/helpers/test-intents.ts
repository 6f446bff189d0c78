/** A made-up intent far from the defaults, so tests can tell whether a node knows it. */
export const PIZZA_INTENT = {
  name: 'pizza_order',
  description: 'The visitor wants to order pizza (a test intent).',
  examples: [
    'I want to order a pizza',
    'can I get a pepperoni pizza delivered',
    'pizza delivery please',
    'order two margherita pizzas',
    'how long until my pizza arrives',
  ],
  skill: 'kitchen',
  policy: 'handoff_now',
  severity: 2,
};
