// The desktop shell's behaviour in plain Node: a real IpcRouter carries the events the services
// publish; the tray, notifications and login item are the shell's own small interfaces, recorded.
import { describe, expect, it } from 'vitest';
import { IpcRouter } from '../../main/ipc/router';
import { callsHandlers } from '../support/calls-channels';
import { DEFAULT_SETTINGS, type Settings } from '../../common/ipc/domains/settings';
import { DesktopShell } from '../../main/shell/desktop-shell';
import type { CallNotificationText, NotificationText } from '../../main/shell/notification-text';
import { incomingCallText, missedCallText, voicemailText } from '../../main/shell/notification-text';
import { shellLanguage } from '../../main/shell/texts';
import { autostartEntry, autostartFile } from '../../main/shell/autostart';
import { TRAY_COLOURS, trayIconBitmap } from '../../main/shell/tray-icon';
import { trayState, type TrayAction, type TrayState } from '../../main/shell/tray-state';

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const call = (extra: object = {}) => ({
  id: 'c1',
  direction: 'incoming' as const,
  remoteNumber: '104',
  remoteName: 'Ana Ruiz',
  state: 'ringing' as const,
  muted: false,
  remoteHold: false,
  failure: null,
  transfer: null,
  transferredBy: null,
  startedAt: '2026-11-27T10:00:00.000Z',
  ...extra,
});
const message = (extra: object = {}) => ({
  id: 'v1',
  callerNumber: '+15550100',
  callerName: null,
  receivedAt: '2026-11-27T10:00:00.000Z',
  durationSeconds: 65,
  read: false,
  audioType: 'audio/wav',
  ...extra,
});
const missed = (extra: object = {}) => ({
  id: 'l1',
  callId: 'k1',
  direction: 'incoming' as const,
  otherNumber: '104',
  otherName: 'Ana Ruiz',
  startedAt: '2026-11-27T10:00:00.000Z',
  answeredAt: null,
  endedAt: '2026-11-27T10:00:20.000Z',
  durationSeconds: 0,
  result: 'missed' as const,
  transferredBy: null,
  fault: null,
  ...extra,
});

describe('tray state', () => {
  it('says registered, with nothing to retry', () => {
    expect(trayState({ state: 'registered', reason: null, retryInSeconds: null }, 'en')).toEqual({
      icon: 'registered',
      tooltip: 'Switchboard: Registered',
      menu: [
        { action: 'open', label: 'Open Switchboard', enabled: true },
        { action: 'do-not-disturb', label: 'Do not disturb', enabled: false, checked: false },
        { action: 'retry', label: 'Register now', enabled: false },
        { action: 'quit', label: 'Quit', enabled: true },
      ],
    });
  });

  it('shows do-not-disturb: a ticked menu item, said in the tooltip, a dot of its own once registered', () => {
    const registered = { state: 'registered' as const, reason: null, retryInSeconds: null };
    expect(trayState(registered, 'en', true)).toMatchObject({
      icon: 'do-not-disturb',
      tooltip: 'Switchboard: Registered · Do not disturb',
    });
    expect(trayState(registered, 'es', true).menu[1]).toEqual({
      action: 'do-not-disturb',
      label: 'No molestar',
      enabled: true,
      checked: true,
    });
    expect(trayState(registered, 'fr', false)).toMatchObject({
      icon: 'registered',
      tooltip: 'Switchboard: Enregistré',
      menu: [{}, { label: 'Ne pas déranger', enabled: true, checked: false }, {}, {}],
    });
    // Not registered, the dot says that first; the tooltip still says the phone will not ring.
    expect(trayState({ ...registered, state: 'unregistered' }, 'fr', true)).toMatchObject({
      icon: 'not-registered',
      tooltip: 'Switchboard: Non enregistré · Ne pas déranger',
    });
    expect(trayIconBitmap('do-not-disturb', 32)).not.toEqual(trayIconBitmap('registered', 32));
  });

  it('says why it is not registered and when it tries again, in the chosen language', () => {
    const failed = { state: 'failed' as const, reason: 'server-unreachable' as const, retryInSeconds: 8 };
    expect(trayState(failed, 'en')).toMatchObject({
      icon: 'not-registered',
      tooltip: 'Switchboard: Not registered (Server unreachable, retrying in 8 s)',
    });
    expect(trayState(failed, 'en').menu[2]).toEqual({
      action: 'retry',
      label: 'Register now',
      enabled: true,
    });
    expect(trayState(failed, 'es').tooltip).toBe(
      'Switchboard: No registrado (Servidor inaccesible, reintentando en 8 s)',
    );
    expect(trayState(failed, 'fr').tooltip).toBe(
      'Switchboard: Non enregistré (Serveur injoignable, nouvel essai dans 8 s)',
    );
    expect(trayState({ state: 'registering', reason: null, retryInSeconds: null }, 'fr')).toMatchObject({
      icon: 'registering',
      tooltip: 'Switchboard: Enregistrement…',
    });
  });

  it('draws a dot of the state colour on a transparent ground', () => {
    const size = 32;
    const pixels = trayIconBitmap('registering', size);
    expect(pixels).toHaveLength(size * size * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    const [red, green, blue] = TRAY_COLOURS.registering;
    expect(at(16, 16)).toEqual([blue, green, red, 255]);
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(trayIconBitmap('registered', size)).not.toEqual(pixels);
  });
});

describe('notification text', () => {
  it('names the caller of an incoming call and offers Answer and Decline', () => {
    expect(incomingCallText(call(), 'en')).toEqual({
      title: 'Incoming call',
      body: 'Ana Ruiz (104)',
      actions: [
        { action: 'answer', label: 'Answer' },
        { action: 'decline', label: 'Decline' },
      ],
    });
    expect(incomingCallText(call({ remoteName: null }), 'es')).toMatchObject({
      title: 'Llamada entrante',
      body: '104',
      actions: [{ label: 'Contestar' }, { label: 'Rechazar' }],
    });
    expect(incomingCallText(call({ remoteName: null, remoteNumber: '' }), 'fr').body).toBe(
      'Appelant inconnu',
    );
  });

  it('says who left a voice message and how long it is', () => {
    expect(voicemailText(message(), 'en')).toEqual({
      title: 'New voice message',
      body: 'From +15550100 (1:05)',
    });
    expect(voicemailText(message({ callerName: 'Ana Ruiz', durationSeconds: 9 }), 'fr')).toEqual({
      title: 'Nouveau message vocal',
      body: 'Appelant : Ana Ruiz (+15550100) (0:09)',
    });
  });

  it('says whose call was missed', () => {
    expect(missedCallText(missed(), 'en')).toEqual({ title: 'Missed call', body: 'Ana Ruiz (104)' });
    expect(missedCallText(missed({ otherName: null }), 'es')).toEqual({
      title: 'Llamada perdida',
      body: '104',
    });
    expect(missedCallText(missed({ otherName: null, otherNumber: '' }), 'fr')).toEqual({
      title: 'Appel manqué',
      body: 'Appelant inconnu',
    });
  });

  it("follows the app's language setting, and the system's when it says so", () => {
    expect(shellLanguage('system', 'es-MX')).toBe('es');
    expect(shellLanguage('system', 'fr_CA')).toBe('fr');
    expect(shellLanguage('system', 'de-DE')).toBe('en');
    expect(shellLanguage('fr', 'es-ES')).toBe('fr');
  });
});

function setUp(settings: Partial<Settings> = {}) {
  const router = new IpcRouter(
    {
      handle: () => undefined,
      broadcast: () => undefined,
      sendTo: () => false,
      onDisconnect: () => undefined,
    },
    {
      allowedOrigins: [],
      logger,
    },
  );
  const trays: TrayState[] = [];
  let trayAction: (action: TrayAction) => void = () => undefined;
  const calls: {
    title: string;
    body: string;
    closed: boolean;
    act: (a: 'answer' | 'decline' | 'open') => void;
  }[] = [];
  const notices: { text: NotificationText; click: () => void }[] = [];
  const loginItems: boolean[] = [];
  const done: string[] = [];
  const window = { focused: false };
  const shell = new DesktopShell({
    router,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    systemLocale: 'en-US',
    tray: {
      show: (state, onAction) => {
        trays.push(state);
        trayAction = onAction;
      },
    },
    notifier: {
      incomingCall: (text: CallNotificationText, act) => {
        const shown = { title: text.title, body: text.body, closed: false, act };
        calls.push(shown);
        return { close: () => (shown.closed = true) };
      },
      notice: (text, click) => notices.push({ text, click }),
    },
    loginItem: { set: (open) => loginItems.push(open) },
    showWindow: () => done.push('window shown'),
    windowFocused: () => window.focused,
    quit: () => done.push('quit'),
    logger,
  });
  const refuse = async () => {
    throw new Error('not in this test');
  };
  router.serve(
    'calls',
    callsHandlers({
      answer: async ({ callId }) => (done.push(`answered ${callId}`), null),
      decline: async ({ callId }) => (done.push(`declined ${callId}`), null),
    }),
  );
  router.serve('registration', {
    state: refuse,
    retry: async () => (done.push('retried'), null),
  });
  return {
    router,
    shell,
    trays,
    tray: (action: TrayAction) => trayAction(action),
    calls,
    notices,
    loginItems,
    done,
    window,
  };
}

describe('DesktopShell', () => {
  it('shows the registration in the tray, in the language of the settings, and acts on its menu', async () => {
    const { router, trays, tray, done } = setUp();
    expect(trays.at(-1)).toMatchObject({ icon: 'not-registered', tooltip: 'Switchboard: Not registered' });
    router.publish('registration', 'stateChanged', {
      state: 'registered',
      reason: null,
      retryInSeconds: null,
    });
    expect(trays.at(-1)).toMatchObject({ icon: 'registered', tooltip: 'Switchboard: Registered' });
    router.publish('settings', 'changed', { ...DEFAULT_SETTINGS, language: 'es' });
    expect(trays.at(-1)).toMatchObject({ icon: 'registered', tooltip: 'Switchboard: Registrado' });
    tray('retry');
    tray('open');
    tray('quit');
    await expect.poll(() => [...done].sort()).toEqual(['quit', 'retried', 'window shown']);
  });

  it('launches at login as the settings say, and changes when they do', () => {
    const { router, loginItems } = setUp({ launchAtLogin: true });
    router.publish('settings', 'changed', { ...DEFAULT_SETTINGS, launchAtLogin: true, theme: 'dark' });
    router.publish('settings', 'changed', { ...DEFAULT_SETTINGS, launchAtLogin: false });
    expect(loginItems).toEqual([true, false]);
  });

  it('notifies an incoming call; Answer answers it through the calls channel and the notification goes', async () => {
    const { router, calls, done } = setUp({ language: 'fr' });
    router.publish('calls', 'incoming', call());
    router.publish('calls', 'incoming', call()); // the same call again: one notification
    router.publish('calls', 'incoming', call({ id: 'c2', direction: 'outgoing' }));
    expect(calls).toMatchObject([{ title: 'Appel entrant', body: 'Ana Ruiz (104)', closed: false }]);
    calls[0]!.act('answer');
    await expect.poll(() => done).toEqual(['window shown', 'answered c1']);
    expect(calls[0]!.closed).toBe(true);
  });

  it('declines from the notification, and closes it when the call is picked up elsewhere', async () => {
    const { router, calls, done } = setUp();
    router.publish('calls', 'incoming', call({ id: 'c3' }));
    calls[0]!.act('decline');
    await expect.poll(() => done).toContain('declined c3');
    router.publish('calls', 'incoming', call({ id: 'c4' }));
    router.publish('calls', 'stateChanged', call({ id: 'c4', state: 'active' }));
    expect(calls[1]).toMatchObject({ closed: true });
  });

  it.each([
    {
      about: 'a new voice message, not one already heard; a click shows the voicemail',
      language: 'en' as const,
      arrive: (router: IpcRouter, id: string) => {
        router.publish('voicemail', 'received', message({ id }));
        router.publish('voicemail', 'received', message({ id: `${id}-heard`, read: true }));
      },
      text: { title: 'New voice message', body: 'From +15550100 (1:05)' },
      screen: 'voicemail',
    },
    {
      about:
        'a missed call, not one answered or made, in the language of the settings; a click shows the call log',
      language: 'es' as const,
      arrive: (router: IpcRouter, id: string) => {
        router.publish('portal', 'callLogged', missed({ id }));
        router.publish('portal', 'callLogged', missed({ id: `${id}-answered`, result: 'answered' }));
        router.publish('portal', 'callLogged', missed({ id: `${id}-made`, direction: 'outgoing' }));
      },
      text: { title: 'Llamada perdida', body: 'Ana Ruiz (104)' },
      screen: 'call-log',
    },
  ])('notifies $about, unless the window has the focus', ({ language, arrive, text, screen }) => {
    const { router, notices, shell, done, window } = setUp({ language });
    const shown: string[] = [];
    router.listen('app', 'showScreen', (event) => shown.push(event.screen));
    window.focused = true;
    arrive(router, 'in-view');
    expect(notices).toEqual([]);
    window.focused = false;
    arrive(router, 'first');
    expect(notices.map((notice) => notice.text)).toEqual([text]);
    notices[0]!.click();
    expect(done).toEqual(['window shown']);
    expect(shown).toEqual([screen]);
    shell.stop();
    arrive(router, 'after-stop');
    expect(notices).toHaveLength(1);
  });
});

describe('Linux autostart entry', () => {
  it('lives in the XDG config folder', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe(
      '/cfg/autostart/switchboard.desktop',
    );
    expect(autostartFile({}, '/home/ana')).toBe('/home/ana/.config/autostart/switchboard.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/ana')).toBe(
      '/home/ana/.config/autostart/switchboard.desktop',
    );
  });

  it('starts the app by its quoted path, which nothing in it can break out of', () => {
    expect(autostartEntry('/opt/Switchboard/switchboard')).toBe(
      '[Desktop Entry]\nType=Application\nName=Switchboard\nExec="/opt/Switchboard/switchboard"\nX-GNOME-Autostart-enabled=true\n',
    );
    expect(autostartEntry('/home/ana/My Apps/Switch"board$1 50%.AppImage')).toContain(
      'Exec="/home/ana/My Apps/Switch\\"board\\$1 50%%.AppImage"\n',
    );
    expect(() => autostartEntry('/tmp/x\nExec=rm -rf ~')).toThrow('line break');
  });
});
