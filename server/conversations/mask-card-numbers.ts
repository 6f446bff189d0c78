/** A run of digit groups joined by single spaces or dashes, not touching other digits. */
const DIGIT_RUN = /(?<!\d)\d+(?:[ -]\d+)*(?!\d)/g;

const MASK = '•••• •••• •••• ';

/** The Luhn (mod 10) checksum every payment card number satisfies. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Replaces payment card numbers (PANs) with `•••• •••• •••• 4242`, keeping the last four digits
 * an agent needs to tell cards apart. Applied to chat text before it is stored, so the
 * transcript, the console, webhooks, exports and the model never hold a full card number
 * (PCI DSS 3.3/3.4).
 */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (run.replace(/[ -]/g, '').length < 13 ? run : maskRun(run)));
}

/**
 * Within one run, any consecutive groups holding 13 to 19 Luhn-valid digits are a card number, so
 * "4242 4242 4242 4242 123" (card, then CVC) is caught; the longest such window from each start wins.
 */
function maskRun(run: string): string {
  const groups = run.split(/[ -]/);
  const seps = run.match(/[ -]/g) ?? []; // seps[k] sits between groups[k] and groups[k + 1]
  let out = '';
  let i = 0;
  while (i < groups.length) {
    let end = -1;
    let digits = '';
    for (let j = i; j < groups.length && digits.length + groups[j]!.length <= 19; j++) {
      digits += groups[j]!;
      if (digits.length >= 13 && isLuhnValid(digits)) end = j;
    }
    const last = end >= 0 ? end : i;
    out +=
      end >= 0
        ? MASK +
          groups
            .slice(i, end + 1)
            .join('')
            .slice(-4)
        : groups[i]!;
    if (last < groups.length - 1) out += seps[last]!;
    i = last + 1;
  }
  return out;
}
