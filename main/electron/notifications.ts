// System notifications through Electron. Buttons (Answer, Decline) exist where the OS offers
// them (macOS; Windows shows them in its action centre); elsewhere a click opens the window.
import { Notification } from 'electron';
import type { SystemNotifier } from '../shell/desktop-shell';

export function electronNotifier(): SystemNotifier {
  return {
    incomingCall(text, onAction) {
      const notification = new Notification({
        title: text.title,
        body: text.body,
        actions: text.actions.map((action) => ({ type: 'button' as const, text: action.label })),
        urgency: 'critical',
        timeoutType: 'never',
      });
      notification.on('action', (_event, index) => {
        const chosen = text.actions[index];
        if (chosen) onAction(chosen.action);
      });
      notification.on('click', () => onAction('open'));
      notification.show();
      return { close: () => notification.close() };
    },
    notice(text, onClick) {
      const notification = new Notification({ title: text.title, body: text.body });
      notification.on('click', onClick);
      notification.show();
    },
  };
}
