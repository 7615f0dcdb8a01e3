/**
 * One concrete case taken from a peer project's own test suite (issue 14,
 * point 3), kept as data so the cron room is measured against it whatever
 * engine it runs. Times are exact instants written as ISO 8601 with the
 * offset the zone had then; the wall times are those the peer's test shows.
 */

/** The next `expected.length` due times strictly after `start`, found by iterating dueAfter from each answer. */
export interface DueCase {
  /** The peer's file and test, e.g. `tests/test_cronsim.py TestDstTransitions.test_001_every_hour_mar`. */
  source: string;
  expression: string;
  /** An IANA zone; the peer's naive (zone-less) times are read as UTC. */
  zone: string;
  start: string;
  /** cronie's answer: the peer's own when they agree. */
  expected: string[];
  /** The peer's answer, kept where it differs from cronie's. */
  peerExpected?: string[];
  /** Why the peer's answer differs from cronie's, in one line. */
  disagrees?: string;
}

/** Whether checkCron accepts the expression, as cronie's crontab would. */
export interface ValidityCase {
  source: string;
  expression: string;
  valid: boolean;
  /** The peer's verdict, kept where it differs from cronie's. */
  peerValid?: boolean;
  disagrees?: string;
}

export type PeerCase = DueCase | ValidityCase;

export function isDueCase(c: PeerCase): c is DueCase {
  return 'expected' in c;
}
