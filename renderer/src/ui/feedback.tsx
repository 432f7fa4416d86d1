// What the person just did, said where they look: next to what they acted on, brought into view,
// announced to screen readers, and gone once they leave the screen. And a form's refusal brought
// into view at its first wrong field.
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import './feedback.css';

/**
 * Whether the screen (a section of the app, a panel of the console) is the one shown. Screens stay
 * mounted when hidden; what they said about the last action must not greet the person coming back.
 */
export const ScreenShownContext = createContext(true);

/** A value about the last action (a notice, a refusal): kept until replaced, or the screen is left. */
export function useScreenFeedback<T>(): [T | null, (value: T | null) => void] {
  const shown = useContext(ScreenShownContext);
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!shown) setValue(null);
  }, [shown]);
  return [value, setValue];
}

/**
 * A live region that is always there (a region added with its text is not reliably read): screen
 * readers hear each new `text`, politely.
 */
export function Announcer({ text }: { text: string | null }) {
  return (
    <p className="visually-hidden" role="status">
      {text ?? ''}
    </p>
  );
}

/**
 * The words of the last action where it was taken, scrolled into view when they appear (the person
 * may be far down a list). What was done is heard through an `Announcer` (these words are then
 * hidden from screen readers by the caller); a refusal is an alert of its own, heard as it appears.
 */
export function InlineNotice({
  children,
  tone = 'done',
}: {
  children: ReactNode;
  tone?: 'done' | 'refused';
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [children]);
  return (
    <div ref={box} className={`inline-notice ${tone}`} role={tone === 'refused' ? 'alert' : undefined}>
      {children}
    </div>
  );
}

/**
 * Brings a refused form's first problem into view each time `refusal` changes to something: its
 * first field marked invalid (which takes the focus), else its alert. A refusal shown above the
 * fold, or a field marked far up a long form, is otherwise never seen.
 */
export function useFirstProblemInView(container: RefObject<HTMLElement | null>, refusal: unknown): void {
  useEffect(() => {
    if (!refusal || !container.current) return;
    const field = container.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    const problem = field ?? container.current.querySelector<HTMLElement>('[role="alert"]');
    problem?.scrollIntoView?.({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, [refusal, container]);
}
