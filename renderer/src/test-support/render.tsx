// Renders a screen as the app does (translations, the API context) over a bridge whose channels
// answer from the test's table. Unanswered channels fail loudly rather than hang.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { buildBridge } from '../../../common/ipc/bridge';
import type { IpcResult } from '../../../common/ipc/result';
import { ApiContext } from '../app/api-context';
import { createI18n } from '../i18n';
import type { Language } from '../i18n/languages';

export type ChannelAnswers = Record<
  string,
  (payload: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>
>;

export interface TestBridge {
  /** Every request made, in order: `[channel, payload]`. */
  calls: [string, unknown][];
  emit(event: string, payload: unknown): void;
}

export async function renderWithApp(
  ui: ReactElement,
  answers: ChannelAnswers,
  language: Language = 'en',
): Promise<RenderResult & TestBridge> {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = buildBridge({
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      const answer = answers[channel];
      if (!answer) throw new Error(`the test did not expect a request on ${channel}`);
      return answer(payload);
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  const i18n = await createI18n(language);
  const rendered = render(
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>
    </I18nextProvider>,
  );
  return {
    ...rendered,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
}

export const ok = <T,>(value: T): IpcResult<T> => ({ ok: true, value });
