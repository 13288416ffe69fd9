import { Injectable } from '@nestjs/common';
import { Passport } from 'passport';
import { Strategy } from 'passport-http-bearer';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthException, AuthExceptionCode } from './auth.exception';
import type { Principal } from './principal';

/**
 * Passport's HTTP Bearer strategy (RFC 6750) over Concord's JWT verification, on a Passport
 * instance of this app's own: the global one would be shared by every app in a process.
 */
@Injectable()
export class BearerAuthenticator {
  private readonly passport = new Passport();

  constructor(verifier: AccessTokenVerifier) {
    this.passport.use(
      'bearer',
      new Strategy((token, done) => {
        verifier.verify(token).then(
          (principal) => done(null, principal),
          (error: unknown) => done(error),
        );
      }),
    );
  }

  /** The verified caller, or an AuthException (TOKEN_MISSING, TOKEN_INVALID). */
  authenticate(request: object): Promise<Principal> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate('bearer', { session: false }, (error: unknown, principal: Principal | false) => {
        if (error instanceof AuthException) return reject(error);
        if (error)
          return reject(new AuthException(AuthExceptionCode.TOKEN_INVALID, 'The access token could not be verified', [], { cause: error }));
        if (!principal) return reject(new AuthException(AuthExceptionCode.TOKEN_MISSING, 'A bearer access token is required (RFC 6750)'));
        resolve(principal);
      }) as (req: object, res: object, next: (error?: unknown) => void) => void;
      middleware(request, {}, reject);
    });
  }
}
