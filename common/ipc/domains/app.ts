import { Type } from 'typebox';
import { RecoveryCode } from '../../api/auth';
import { FirstRunCompany } from '../../api/company';
import { Email, Nullable, Password, StrictObject } from '../../api/primitives';
import { NoContent, NoRequest, channel, type DomainSpec } from '../channel';
import { ServerUrl } from './settings';

export const AppInfo = StrictObject({
  version: Type.String({ maxLength: 40 }),
  /** Which host carries the contract: the Electron window or a browser through the web host. */
  host: Type.Union([Type.Literal('electron'), Type.Literal('browser')]),
  office: StrictObject({
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('remote')]),
    url: Type.String({ maxLength: 2048 }),
  }),
});

/** The embedded office's first super admin, for the first-run screen. */
export const FirstRunAdmin = StrictObject({ email: Email, temporaryPassword: Password });

export const Connection = StrictObject({
  state: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
});

/** A switchboard: link from the office's pages: the screen the app opens on. */
export const AppLink = Type.Union([
  StrictObject({ screen: Type.Literal('sign-in') }),
  /** Password recovery, the code from the mail filled in. */
  StrictObject({ screen: Type.Literal('recover'), code: RecoveryCode }),
]);

/** The screen the window is asked to show: where a clicked system notification leads. */
export const ShowScreen = StrictObject({
  screen: Type.Union([Type.Literal('call-log'), Type.Literal('voicemail')]),
});

export const app = {
  requests: {
    info: channel(NoRequest, AppInfo),
    /**
     * Present only on the launch that created the embedded office, until its super admin chose
     * their own password; null on every other launch, and from then on.
     */
    firstRunAdmin: channel(NoRequest, Nullable(FirstRunAdmin)),
    /**
     * The first-run screen's answers (the company's name, country, time zone and language), saved
     * to the embedded office's company settings; refused (`conflict`) once first-run is over.
     */
    setUpOffice: channel(FirstRunCompany, NoContent),
    /**
     * Signs in at another office from now on, and remembers it: `url` after checking that a
     * Switchboard office answers there; null, the office running on this computer. Signed out only.
     */
    useOffice: channel(StrictObject({ url: Nullable(ServerUrl) }), AppInfo),
    /** The latest switchboard: link not yet acted on (it waits at most 10 minutes); taking it clears it. */
    takeLink: channel(NoRequest, Nullable(AppLink)),
  },
  events: {
    connectionChanged: Connection,
    showScreen: ShowScreen,
    /** A switchboard: link came: the window takes it (`takeLink`). */
    linkOpened: StrictObject({}),
  },
} satisfies DomainSpec;
