// The one typed IPC contract between the renderer and main. Every channel and event of the
// app is here; main's handlers and the preload bridge are both typed from it.
import type { DomainSpec, PayloadOf, RequestOf, ResultOf } from './channel';
import { admin } from './domains/admin';
import { app } from './domains/app';
import { audio } from './domains/audio';
import { auth } from './domains/auth';
import { calls } from './domains/calls';
import { media } from './domains/media';
import { portal } from './domains/portal';
import { registration } from './domains/registration';
import { settings } from './domains/settings';
import { voicemail } from './domains/voicemail';
import type { IpcResult } from './result';

export const CONTRACT = {
  auth,
  registration,
  calls,
  media,
  portal,
  admin,
  voicemail,
  settings,
  audio,
  app,
} satisfies Record<string, DomainSpec>;

export type Contract = typeof CONTRACT;
export type DomainName = keyof Contract;
export type ActionOf<D extends DomainName> = keyof Contract[D]['requests'] & string;
export type EventOf<D extends DomainName> = keyof Contract[D]['events'] & string;

type Spec<D extends DomainName, A extends ActionOf<D>> = Contract[D]['requests'][A];
export type RequestFor<D extends DomainName, A extends ActionOf<D>> = RequestOf<Spec<D, A>>;
export type ResultFor<D extends DomainName, A extends ActionOf<D>> = ResultOf<Spec<D, A>>;
export type EventPayload<D extends DomainName, E extends EventOf<D>> = PayloadOf<Contract[D]['events'][E]>;

/** `onStateChanged` for the event `stateChanged`. */
export type ListenerName<E extends string> = `on${Capitalize<E>}`;
export type Unsubscribe = () => void;

/** What the renderer gets: one named function per channel, one `on…` per event. */
export type SwitchboardApi = {
  [D in DomainName]: {
    [A in ActionOf<D>]: (request: RequestFor<D, A>) => Promise<IpcResult<ResultFor<D, A>>>;
  } & {
    [E in EventOf<D> as ListenerName<E>]: (listener: (payload: EventPayload<D, E>) => void) => Unsubscribe;
  };
};
