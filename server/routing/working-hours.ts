/** An agent's working hours; none means always available. */
export interface WorkingHours {
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
  /** 0 = Sunday .. 6 = Saturday. */
  days: number[];
  /** "HH:MM", 24 h. */
  start: string;
  end: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isWithinWorkingHours(hours: WorkingHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS.indexOf(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const [sh, sm] = hours.start.split(':').map(Number);
  const [eh, em] = hours.end.split(':').map(Number);
  const start = sh! * 60 + sm!;
  const end = eh! * 60 + em!;
  if (!hours.days.includes(day)) return false;
  // A shift may run past midnight (22:00-06:00).
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
