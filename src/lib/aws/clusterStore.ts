/**
 * The cluster the attendee's runs go to, in the page's memory like the session: the
 * instructor's shared cluster or the one the attendee launched. Signing out forgets it.
 */
import { subscribeSession, getSession } from './sessionStore';

export type ChosenCluster = { id: string; kind: 'shared' | 'own' };

let chosen: ChosenCluster | undefined;
let owner: string | undefined;
const listeners = new Set<() => void>();

export function getCluster(): ChosenCluster | undefined {
  // A cluster chosen under another sign-in (or none) is not this session's.
  return chosen && owner === getSession()?.identityId ? chosen : undefined;
}

export const getServerCluster = (): ChosenCluster | undefined => undefined;

export function setCluster(next: ChosenCluster | undefined): void {
  chosen = next;
  owner = next ? getSession()?.identityId : undefined;
  listeners.forEach((listener) => listener());
}

export function subscribeCluster(listener: () => void): () => void {
  listeners.add(listener);
  const unsubscribe = subscribeSession(listener);
  return () => {
    listeners.delete(listener);
    unsubscribe();
  };
}
