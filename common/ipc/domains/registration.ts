import { Type } from 'typebox';
import { Nullable, StrictObject } from '../../api/primitives';
import { NoContent, NoRequest, channel, type DomainSpec } from '../channel';

export const RegistrationState = StrictObject({
  state: Type.Union([
    Type.Literal('unregistered'),
    Type.Literal('registering'),
    Type.Literal('registered'),
    Type.Literal('failed'),
  ]),
  /** Why it is not registered, for the softphone's status line. */
  reason: Nullable(
    Type.Union([
      Type.Literal('no-network'),
      Type.Literal('wrong-password'),
      Type.Literal('server-unreachable'),
      Type.Literal('no-softphone'),
    ]),
  ),
  /** Seconds until the next attempt while retrying. */
  retryInSeconds: Nullable(Type.Integer({ minimum: 0 })),
});

export const registration = {
  requests: {
    state: channel(NoRequest, RegistrationState),
    /** Try again now instead of waiting for the back-off. */
    retry: channel(NoRequest, NoContent),
  },
  events: { stateChanged: RegistrationState },
} satisfies DomainSpec;
