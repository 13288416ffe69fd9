/** Who is calling, as established from a verified access token. */
export interface Principal {
  /** The client the call is made for (the token's `sub`; the original caller after token exchange). */
  clientId: string;
  /** The end user, when the token names one besides the client (an external IdP's user tokens). */
  userId?: string;
  scopes: string[];
  /** Set on patient-context tokens: the only patient whose data the caller may see. */
  patientId?: string;
  /** SLA tier of the calling client (gold, silver, bronze ...). */
  tier: string;
  /** Services that act for the client, nearest first (from the RFC 8693 `act` claim). */
  actors: string[];
  /** The token's `jti`. */
  tokenId: string;
  /** Expiry of the token, seconds since the epoch. */
  expiresAt: number;
}
