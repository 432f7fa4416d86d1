// Electron's hooks for the decisions in main/window/security.ts: every permission the pages ask
// for, every device and screen-capture request, every navigation of every frame, every window
// they try to open.
import { app, session, shell, type WebContents } from 'electron';
import { isExternalLinkAllowed, isNavigationAllowed, isPermissionAllowed } from '../window/security';

export function guardWindows(appOrigin: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes },
        appOrigin,
      ),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType as 'audio' | 'video'] : [],
      },
      appOrigin,
    ),
  );
  // USB, HID and serial devices: the app uses none, so no page is ever given one.
  ses.setDevicePermissionHandler(() => false);
  // Screen capture (getDisplayMedia): refused, an answer with no stream.
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  app.on('web-contents-created', (_event, contents) => guardContents(contents, appOrigin));
}

function guardContents(contents: WebContents, appOrigin: string): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => stayHome(event, url));
  // Any frame's navigation, a sub-frame's included (will-navigate sees only the main frame's).
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event, url) => stayHome(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
