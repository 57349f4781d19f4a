/**
 * An iCalendar (RFC 5545) invitation for one session. Times are written in UTC (the Z form every
 * calendar reads); people see them in their own zone, Asia/Shanghai for ours. SEQUENCE follows
 * the session's version so a reschedule or cancel replaces the earlier invitation.
 */
export interface InvitationInput {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  cancelled: boolean;
  /** Who sends it (iTIP wants an organizer on REQUEST and CANCEL): the center, from MAIL_FROM. */
  organizer?: { name: string; email: string };
  stamp?: Date;
}

/** A parameter value (CN=…) is quoted, and may not hold a double quote (§3.2). */
function param(value: string): string {
  return `"${value.replace(/"/g, "'")}"`;
}

function utc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT escaping of RFC 5545 §3.3.11. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function invitation(i: InvitationInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Accord//Mediation sessions//ZH',
    'CALSCALE:GREGORIAN',
    `METHOD:${i.cancelled ? 'CANCEL' : 'REQUEST'}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    'BEGIN:VEVENT',
    `UID:${i.uid}`,
    `SEQUENCE:${i.sequence}`,
    `DTSTAMP:${utc(i.stamp ?? new Date())}`,
    `DTSTART:${utc(i.start)}`,
    `DTEND:${utc(i.end)}`,
    `SUMMARY:${text(i.summary)}`,
    `DESCRIPTION:${text(i.description)}`,
    ...(i.location ? [`LOCATION:${text(i.location)}`] : []),
    ...(i.organizer ? [`ORGANIZER;CN=${param(i.organizer.name)}:mailto:${i.organizer.email}`] : []),
    `STATUS:${i.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
