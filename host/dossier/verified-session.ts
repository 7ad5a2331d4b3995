/** What filing (and printing) a dossier needs first: a verified card holder in this session, a known service. */
import { getService } from '../../catalogue';
import type { Service } from '../../common/catalogue/schema';
import { KioskApiError } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { CitizenSession, SessionManager } from '../session/session-manager';

/** The session and the card holder the citizen accepted ("Đây là tôi"); `dossier-not-identified` otherwise. */
export function verifiedSession(sessions: SessionManager): { session: CitizenSession; identity: Identity } {
  const session = sessions.active;
  const identity = session?.personal.get('identity');
  if (!session || !identity || session.personal.get('decision') !== 'accept')
    throw new KioskApiError('dossier-not-identified', 'No verified identity in this session');
  return { session, identity };
}

/** The card holder the citizen accepted; `dossier-not-identified` otherwise. */
export function verifiedIdentity(sessions: SessionManager): Identity {
  return verifiedSession(sessions).identity;
}

/** The catalogue service; `dossier-unknown-service` for an id the catalogue does not have. */
export function knownService(serviceId: string): Service {
  try {
    return getService(serviceId);
  } catch {
    throw new KioskApiError('dossier-unknown-service', `Unknown service ${serviceId}`);
  }
}
