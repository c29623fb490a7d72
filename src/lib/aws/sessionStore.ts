/**
 * The page's one attendee session and the workshop it belongs to, in memory only: a reload or
 * a new tab starts signed out. Read through `useSyncExternalStore`; the server render is
 * always signed out. (The workshop link itself also stays in the page's URL fragment, so a
 * reload keeps the workshop, not the sign-in.)
 */
import { type AttendeeSession, endSession } from './attendeeSession';
import { WORKSHOP_LINK_FIELDS, type WorkshopConfig } from './workshopConfig';

let session: AttendeeSession | undefined;
let workshop: WorkshopConfig | undefined;
const listeners = new Set<() => void>();

const notify = () => listeners.forEach((listener) => listener());

/** The same workshop, field by field: opening the same link again is no change. */
export const sameWorkshop = (a: WorkshopConfig | undefined, b: WorkshopConfig | undefined) =>
  a === b || (!!a && !!b && WORKSHOP_LINK_FIELDS.every((field) => a[field] === b[field]));

export const getSession = (): AttendeeSession | undefined => session;
export const getServerSession = (): AttendeeSession | undefined => undefined;

/** Makes `next` the page's session, ending the one it replaces. */
export function setSession(next: AttendeeSession | undefined): void {
  if (next === session) return;
  if (session) endSession(session);
  session = next;
  if (next) workshop = next.config;
  notify();
}

/** Forgets the session: its tokens and credentials are dropped and refuse further use. */
export function signOut(): void {
  setSession(undefined);
}

export const getWorkshopConfig = (): WorkshopConfig | undefined => workshop;
export const getServerWorkshopConfig = (): WorkshopConfig | undefined => undefined;

/** The workshop the page connects to; choosing another one signs out of the current one. */
export function setWorkshopConfig(config: WorkshopConfig | undefined): void {
  if (sameWorkshop(config, workshop)) return;
  if (session && !sameWorkshop(session.config, config)) {
    endSession(session);
    session = undefined;
  }
  workshop = config;
  notify();
}

/** Both the session and the workshop config change through here. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
