/**
 * The fan-out benchmark's learners, the same in the parent and in every
 * worker process: learner i is `slack:T<i mod 40>:U<i>` in zone
 * ZONES[i mod 8]. (The coach reads a learner's zone from the store; the
 * bench's workers derive it from the id instead, which costs nothing.)
 */
export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Adelaide', 'America/Sao_Paulo', 'Africa/Nairobi'];

export function learnerId(i: number): string {
  return `slack:T${i % 40}:U${i}`;
}

/** The zone of a bench learner, from its id. */
export function zoneOf(learnerId: string): string {
  return ZONES[Number(learnerId.slice(learnerId.lastIndexOf(':U') + 2)) % ZONES.length] ?? 'UTC';
}
